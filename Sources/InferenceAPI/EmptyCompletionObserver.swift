/// The observer used when the node plugs none: no extra fields (`"oln": {}`).
public struct EmptyCompletionObserver: CompletionObserver {
    /// The empty observer.
    public init() {}

    public func extraFields(for record: CompletionRecord) -> APIValue {
        .object([])
    }
}
