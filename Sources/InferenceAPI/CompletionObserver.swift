import HTTP

/// Sees every finished completion and returns the fields the node adds to its answer under
/// `"oln"` (receipts, attribution, …), in the response body or in the final stream chunk.
///
/// `extraFields(for:)` runs on IO's worker pool, not on the event loop, so it may compute
/// (an attribution over an index) or wait; the answer is sent once it returns. Return an
/// object (`["receipt_id": "…", "attribution": […]]`); any other value is wrapped as
/// `{"value": …}`.
public protocol CompletionObserver: Sendable {
    /// The extra fields for `record`'s answer.
    func extraFields(for record: CompletionRecord) -> APIValue

    /// Whether a completion request may be served, asked on the loop thread before anything
    /// is generated: nil to serve it, or the error to answer with (a missing payment, say).
    func admit(model: String, adapterName: String?, headers: HTTPHeaders) -> APIError?
}

extension CompletionObserver {
    /// Serves every request.
    public func admit(model: String, adapterName: String?, headers: HTTPHeaders) -> APIError? { nil }
}
