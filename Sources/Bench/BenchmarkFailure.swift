/// Why a benchmark of `oln-bench` cannot run or finish.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
