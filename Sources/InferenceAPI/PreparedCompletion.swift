import HTTP
import OpenLoRA

/// A completion request made ready on the worker pool: its prompt as tokens and text, how
/// many tokens it may generate, and the lease on its adapter.
struct PreparedCompletion: Sendable {
    let promptTokens: [Int]
    let promptText: String
    let maximumTokenCount: Int
    let lease: AdapterLease?
    /// The request's headers, for the observer.
    var headers: HTTPHeaders = [:]
}
