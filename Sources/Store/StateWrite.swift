/// One validated state change, with its key in the stored layout `bucket ‖ key`.
struct StateWrite: Sendable {
    /// The key's bucket.
    let bucket: Int
    /// The key as the caller gave it.
    let key: [UInt8]
    /// The 2-byte big-endian bucket followed by the key.
    let storedKey: [UInt8]
    /// The new value, or nil to delete.
    let value: [UInt8]?

    /// Whether `self` sorts before `other`: by bucket, then by stored key bytes.
    func precedes(_ other: StateWrite) -> Bool {
        guard bucket == other.bucket else { return bucket < other.bucket }
        return storedKey.withUnsafeBytes { left in
            other.storedKey.withUnsafeBytes { right in StateBucketHasher.compare(left, right) < 0 }
        }
    }
}
