/// One validated state change, with its key's bucket: stored as `bucket ‖ key`.
struct StateWrite: Sendable {
    /// The key's bucket.
    let bucket: Int
    /// The key as the caller gave it.
    let key: [UInt8]
    /// The new value, or nil to delete.
    let value: [UInt8]?

    /// Whether `self` sorts before `other` in stored-key order: by bucket, then by key bytes.
    func precedes(_ other: StateWrite) -> Bool {
        guard bucket == other.bucket else { return bucket < other.bucket }
        return key.withUnsafeBytes { left in
            other.key.withUnsafeBytes { right in StateBucketHasher.compare(left, right) < 0 }
        }
    }

    /// Whether `self` and `other` change the same key.
    func hasSameKey(as other: StateWrite) -> Bool {
        bucket == other.bucket && key == other.key
    }
}
