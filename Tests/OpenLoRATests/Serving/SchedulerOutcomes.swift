import OpenLoRA
import Synchronization

/// Collects what a `BatchScheduler` reports for each request, from whatever thread runs it.
final class SchedulerOutcomes: Sendable {
    private let streamed = Mutex<[Int: [Int]]>([:])
    private let results = Mutex<[Int: Result<GenerationResult, OpenLoRAError>]>([:])
    private let finishCounts = Mutex<[Int: Int]>([:])

    /// The token callback of request `key`: records the token and goes on unless
    /// `cancelAfter` tokens have arrived.
    func onToken(_ key: Int, cancelAfter: Int? = nil) -> @Sendable (Int) -> Bool {
        { token in
            let count = self.streamed.withLock { streamed in
                streamed[key, default: []].append(token)
                return streamed[key]!.count
            }
            return cancelAfter.map { count < $0 } ?? true
        }
    }

    /// The finish callback of request `key`.
    func onFinish(_ key: Int, then: (@Sendable () -> Void)? = nil)
        -> @Sendable (Result<GenerationResult, OpenLoRAError>) -> Void {
        { result in
            self.results.withLock { $0[key] = result }
            self.finishCounts.withLock { $0[key, default: 0] += 1 }
            then?()
        }
    }

    func streamedTokens(_ key: Int) -> [Int] { streamed.withLock { $0[key] ?? [] } }
    func result(_ key: Int) -> Result<GenerationResult, OpenLoRAError>? { results.withLock { $0[key] } }
    func finishCount(_ key: Int) -> Int { finishCounts.withLock { $0[key] ?? 0 } }
    var finishedCount: Int { results.withLock { $0.count } }

    /// The successful result of request `key`, nil when it failed or has not finished.
    func generation(_ key: Int) -> GenerationResult? {
        guard case .success(let result)? = result(key) else { return nil }
        return result
    }
}
