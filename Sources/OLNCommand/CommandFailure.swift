/// A command that could not do its work for a reason the message explains (a file that
/// cannot be read, for instance), as opposed to a usage error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
