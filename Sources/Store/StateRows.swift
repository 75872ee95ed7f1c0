/// The rows one state change still has to write after `StateStore.applyDeferringRows(_:)`
/// moved the tree and the caches on: the state rows and the changed bucket hashes.
public struct StateRows: Sendable {
    /// The state writes, sorted by stored key.
    let writes: [StateWrite]
    /// The bucket hashes that changed.
    let buckets: StateBucketHashes
}

/// The bucket hashes one update changed, as `state_buckets` stores them.
struct StateBucketHashes: Sendable {
    /// The new hash of every bucket the update touched, 32 bytes each, by position.
    let hashes: [UInt8]
    /// The buckets whose hash changed.
    let changed: [StateBucketUpdate.Change]
}

/// One state change's bucket work done ahead of its transaction (`StateStore.prepareAhead(_:)`):
/// the merged preimages, the updated tree and the hashes to store, for the state whose
/// root is `baseRoot`.
public struct StateAheadUpdate {
    let baseRoot: [UInt8]
    let ranges: [StateBucketUpdate.Range]
    let merged: [[UInt8]]
    let tree: StateTree
    let hashes: StateBucketHashes
}
