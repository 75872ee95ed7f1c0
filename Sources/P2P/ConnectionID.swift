/// A host's handle for one connection; never reused within a host's life.
public struct ConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    public static func < (left: ConnectionID, right: ConnectionID) -> Bool { left.value < right.value }

    public var description: String { "#\(value)" }
}
