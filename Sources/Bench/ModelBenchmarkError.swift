/// Why a part of `oln-bench model` cannot run.
struct ModelBenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
