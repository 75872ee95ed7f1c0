import Identity

/// The id of a pubsub message: opaque bytes that IHAVE, IWANT and IDONTWANT carry and
/// that the seen-message cache keys on. Which bytes depends on the topic's
/// ``GossipMessageIDFunction``.
public struct GossipMessageID: Hashable, Sendable, CustomStringConvertible {
    /// The id bytes.
    public let bytes: [UInt8]
    /// The bytes' hash, taken once: ids key the seen cache, the message cache, the
    /// delivery records and per-peer tables, and are looked up many times each. Comparing
    /// it first also settles most unequal pairs without reading the bytes.
    private let hashCode: Int

    /// An id with the given bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var hasher = Hasher()
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hashCode = hasher.finalize()
    }

    public static func == (lhs: GossipMessageID, rhs: GossipMessageID) -> Bool {
        lhs.hashCode == rhs.hashCode && lhs.bytes == rhs.bytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hashCode)
    }

    /// What sets and dictionaries bucket by: the hash taken once, mixed with their seed
    /// (`KeptHash`), without hashing it again.
    public func _rawHashValue(seed: Int) -> Int {
        KeptHash.mix(hashCode, seed: seed)
    }

    /// The id as lowercase hexadecimal.
    public var description: String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}
