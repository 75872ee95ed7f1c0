/// The hash preimages of the buckets the store hashed lately (see `StateBucketHasher`), so
/// that a bucket that changes again is updated from its preimage and the changed entries
/// instead of being read back from the database.
///
/// A cached preimage always equals the one the bucket's committed rows, plus the writes of
/// the open transaction, give: every write to a bucket goes through `store(_:for:)`, and
/// when a transaction rolls back the buckets it stored get back the preimages they had
/// before it (`rollBack()`), so that a batch tried and rolled back (a validator checking a
/// proposal's root) leaves the cache as warm as it found it. The
/// cache holds at most `byteCountMax` bytes of preimages; past that it starts afresh, so it
/// costs a bounded amount of memory and never changes a hash, only how fast it is found.
struct StateBucketCache {
    /// The most preimage bytes kept: 64 MiB, the preimages of about a million entries.
    static let byteCountMax = 64 << 20

    /// Each bucket's preimage, nil when it is not cached.
    private var preimages: [[UInt8]?]
    /// The bytes of the cached preimages.
    private(set) var byteCount = 0
    /// The buckets stored in the open transaction, in order, with repeats, each with the
    /// preimage it had before (nil when it was not cached).
    private var stored: [(bucket: Int, previous: [UInt8]?)] = []
    /// Whether the cache started afresh in the open transaction: rows read since may hold
    /// its writes.
    private(set) var wasEmptiedInTransaction = false

    /// An empty cache for `bucketCount` buckets.
    init(bucketCount: Int) {
        preimages = Array(repeating: nil, count: bucketCount)
    }

    /// The preimage of `bucket`, or nil when it is not cached.
    func preimage(_ bucket: Int) -> [UInt8]? {
        preimages[bucket]
    }

    /// Keeps `preimage` as the current preimage of `bucket`.
    mutating func store(_ preimage: [UInt8], for bucket: Int) {
        stored.append((bucket, preimages[bucket]))
        byteCount -= preimages[bucket]?.count ?? 0
        if byteCount + preimage.count > Self.byteCountMax {
            removeAll()
            // The cache starts afresh: a rollback leaves these buckets uncached.
            stored = [(bucket, nil)]
            wasEmptiedInTransaction = true
        }
        preimages[bucket] = preimage
        byteCount += preimage.count
    }

    /// Keeps `preimage`, read from the rows of `bucket` before the open transaction wrote
    /// any of them, as its preimage: it holds after a rollback too, unless the cache was
    /// emptied in this transaction (rows read since may hold its writes).
    mutating func storeCommitted(_ preimage: [UInt8], for bucket: Int) {
        guard !wasEmptiedInTransaction, preimages[bucket] == nil else { return store(preimage, for: bucket) }
        if byteCount + preimage.count > Self.byteCountMax { return store(preimage, for: bucket) }
        preimages[bucket] = preimage
        byteCount += preimage.count
    }

    /// Keeps the preimages stored in the transaction that committed.
    mutating func commit() {
        stored.removeAll(keepingCapacity: true)
        wasEmptiedInTransaction = false
    }

    /// Puts back the preimages the buckets stored in the transaction that rolled back had
    /// before it, the earliest last.
    mutating func rollBack() {
        while let (bucket, previous) = stored.popLast() {
            byteCount += (previous?.count ?? 0) - (preimages[bucket]?.count ?? 0)
            preimages[bucket] = previous
        }
        wasEmptiedInTransaction = false
    }

    /// Forgets every preimage.
    private mutating func removeAll() {
        for bucket in preimages.indices {
            preimages[bucket] = nil
        }
        byteCount = 0
    }
}
