/// A command line that does not parse; reported with a pointer to the help of `topic`.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    /// The command whose help to point to, such as `keys generate`; empty for `oln` itself.
    let topic: String

    init(_ message: String, topic: String) {
        self.message = message
        self.topic = topic
    }

    var description: String { message }
}
