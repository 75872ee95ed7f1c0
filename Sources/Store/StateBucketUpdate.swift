/// The bucket half of one `StateStore.apply`: merges each changed bucket's cached preimage
/// with its writes, hashes it, notes which stored bucket hashes change, and updates the
/// tree. It touches only the store's `bucketCache` and `tree`, so it runs on a second
/// thread (`SideWork`) while the calling thread writes the rows (`StateStore.write(_:)`),
/// which touches neither; the result is the same on whichever thread it runs.
final class StateBucketUpdate: @unchecked Sendable {
    /// One changed bucket and the positions of its writes.
    struct Range {
        let bucket: Int
        let writes: Swift.Range<Int>
    }

    /// A bucket whose hash changed.
    struct Change: Sendable {
        let bucket: Int
        /// The bucket's position in the update: its hash is `hashes[32·position ..< 32·(position+1)]`.
        let position: Int
        /// Whether the bucket is now empty.
        let isEmpty: Bool
    }

    /// The fewest writes for which the bucket work moves to a second thread; below it,
    /// the hand-over costs more than it saves.
    static let concurrentWriteCountMin = 1_024

    /// The store whose cache and tree this update changes; it waits for `run()` to end.
    private unowned let store: StateStore
    /// The writes, sorted by stored key.
    private let writes: [StateWrite]
    /// The changed buckets in ascending order.
    let ranges: [Range]
    /// The new hash of each bucket of `ranges`, 32 bytes each, once `run()` has ended.
    private(set) var hashes: [UInt8] = []
    /// The buckets whose hash changed, once `run()` has ended.
    private(set) var changedBuckets: [Change] = []

    /// The hashes to store, once `run()` has ended.
    var storedHashes: StateBucketHashes {
        StateBucketHashes(hashes: hashes, changed: changedBuckets)
    }

    init(store: StateStore, writes: [StateWrite]) {
        self.store = store
        self.writes = writes
        ranges = Self.ranges(of: writes)
    }

    /// The buckets of `writes` (sorted) with the positions of their writes.
    static func ranges(of writes: [StateWrite]) -> [Range] {
        var ranges: [Range] = []
        var start = writes.startIndex
        while start < writes.endIndex {
            var end = start + 1
            while end < writes.endIndex && writes[end].bucket == writes[start].bucket { end += 1 }
            ranges.append(Range(bucket: writes[start].bucket, writes: start..<end))
            start = end
        }
        return ranges
    }

    /// Runs `body` (the row writes) on this thread while the bucket work runs on another
    /// when there are enough writes, and returns once both have ended.
    func run(alongside body: () throws(StoreError) -> Void) throws(StoreError) {
        guard writes.count >= Self.concurrentWriteCountMin else {
            run()
            return try body()
        }
        let bucketWork = SideWork { self.run() }
        let result = Result { () throws(StoreError) in try body() }
        bucketWork.finish()
        try result.get()
    }

    /// Merges, hashes and records every changed bucket, then updates the tree. Every bucket
    /// must have a cached preimage (`StateStore.cachePreimages(of:)`).
    func run() {
        let merged = mergeAndHash()
        for (range, preimage) in zip(ranges, merged) {
            store.bucketCache.store(preimage, for: range.bucket)
        }
        store.tree.update(buckets: ranges.map(\.bucket), hashes: hashes)
    }

    /// Does the bucket work without changing the store: returns the merged preimages and a
    /// copy of the tree updated with the new hashes, whose undo log holds this update's
    /// writes alone (`StateStore.prepareAhead(_:)`). Every bucket must have a cached preimage.
    func runAhead() -> (merged: [[UInt8]], tree: StateTree) {
        let merged = mergeAndHash()
        var tree = store.tree
        tree.discardUndo()
        tree.update(buckets: ranges.map(\.bucket), hashes: hashes)
        return (merged, tree)
    }

    /// Merges each changed bucket's cached preimage with its writes, hashes it into
    /// `hashes`, notes in `changedBuckets` the buckets whose hash changed, and returns the
    /// merged preimages by position. Reads the store's cache and tree only.
    private func mergeAndHash() -> [[UInt8]] {
        hashes = [UInt8](repeating: 0, count: ranges.count * StateTree.hashByteCount)
        changedBuckets.reserveCapacity(ranges.count)
        var mergedPreimages: [[UInt8]] = []
        mergedPreimages.reserveCapacity(ranges.count)
        for (position, range) in ranges.enumerated() {
            guard let previous = store.bucketCache.preimage(range.bucket),
                  let merged = StateBucketHasher.merging(previous, with: writes[range.writes]) else {
                preconditionFailure("bucket \(range.bucket) has no well-formed cached preimage")
            }
            mergedPreimages.append(merged)
            let hashRange = position * StateTree.hashByteCount..<(position + 1) * StateTree.hashByteCount
            let (unchanged, isEmpty) = hashes.withUnsafeMutableBytes { bytes in
                let hash = UnsafeMutableRawBufferPointer(rebasing: bytes[hashRange])
                StateBucketHasher.hash(preimage: merged, into: hash)
                return (store.tree.leaf(range.bucket, equals: UnsafeRawBufferPointer(hash)), hash.allSatisfy { $0 == 0 })
            }
            if !unchanged {
                changedBuckets.append(Change(bucket: range.bucket, position: position, isEmpty: isEmpty))
            }
        }
        return mergedPreimages
    }
}
