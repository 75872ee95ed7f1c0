/// One change to the state: a key set to a value, or a key deleted.
public struct StateChange: Sendable, Hashable {
    /// The key, 1 to 256 bytes (`StateStore.keyByteCountRange`).
    public let key: [UInt8]
    /// The new value, at most 1 MiB (`StateStore.valueByteCountMax`); nil deletes the key.
    public let value: [UInt8]?
    /// The key's bucket when the caller already knows it (`StateStore.bucket(for:)`), so that
    /// preparing the change need not hash the key again; nil when it does not.
    public let knownBucket: Int?

    /// A change of `key` to `value`, or its deletion when `value` is nil.
    public init(key: [UInt8], value: [UInt8]?) {
        self.init(key: key, value: value, knownBucket: nil)
    }

    /// A change of `key`, whose bucket the caller computed earlier with
    /// `StateStore.bucket(for:)` (an owner that keeps keys between batches hashes each once).
    public init(key: [UInt8], value: [UInt8]?, knownBucket: Int?) {
        self.key = key
        self.value = value
        self.knownBucket = knownBucket
    }

    /// Sets `key` to `value`.
    public static func set(_ key: [UInt8], to value: [UInt8]) -> StateChange {
        StateChange(key: key, value: value)
    }

    /// Deletes `key`; deleting a key that is not there changes nothing.
    public static func delete(_ key: [UInt8]) -> StateChange {
        StateChange(key: key, value: nil)
    }
}
