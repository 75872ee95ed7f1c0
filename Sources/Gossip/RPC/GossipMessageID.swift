/// The id of a pubsub message: opaque bytes that IHAVE, IWANT and IDONTWANT carry and
/// that the seen-message cache keys on. Which bytes depends on the topic's
/// ``GossipMessageIDFunction``.
public struct GossipMessageID: Hashable, Sendable, CustomStringConvertible {
    /// The id bytes.
    public let bytes: [UInt8]

    /// An id with the given bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Hashes the id as one block of bytes rather than byte by byte (ids key the seen
    /// cache, the message cache and per-peer tables).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The id as lowercase hexadecimal.
    public var description: String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}
