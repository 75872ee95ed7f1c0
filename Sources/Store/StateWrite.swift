/// One validated state change, with its key in the stored layout `bucket ‖ key`.
struct StateWrite {
    /// The key's bucket.
    let bucket: Int
    /// The 2-byte big-endian bucket followed by the key.
    let storedKey: [UInt8]
    /// The new value, or nil to delete.
    let value: [UInt8]?

    /// Whether `self` sorts before `other`: by bucket, then by stored key bytes.
    func precedes(_ other: StateWrite) -> Bool {
        bucket != other.bucket ? bucket < other.bucket : storedKey.lexicographicallyPrecedes(other.storedKey)
    }
}
