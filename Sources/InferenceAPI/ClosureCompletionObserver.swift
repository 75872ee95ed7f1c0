/// An observer made of a closure.
public struct ClosureCompletionObserver: CompletionObserver {
    private let body: @Sendable (CompletionRecord) -> APIValue

    /// An observer that calls `body`.
    public init(_ body: @escaping @Sendable (CompletionRecord) -> APIValue) {
        self.body = body
    }

    public func extraFields(for record: CompletionRecord) -> APIValue {
        body(record)
    }
}
