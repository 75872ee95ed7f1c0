/// Why the host refused or failed something: one sentence for the operator or the client.
public struct HostingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
