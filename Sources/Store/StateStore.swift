import CSQLite
import Sodium

/// The ledger's authenticated state: a map from keys to values whose contents are committed
/// to by one 32-byte root hash.
///
/// Keys have 1...256 bytes and values at most 1 MiB. Each key falls in one of 65,536 buckets
/// (the first two bytes of BLAKE2b-256(key)); rows are stored as `bucket ‖ key`, so a bucket
/// is one contiguous range of the `state` table. The persisted bucket hashes and the
/// in-memory tree over them give the root (see the module overview in Store.swift).
///
/// Tables: `state` and `state_buckets`, created by `StateStore.schemaMigration`, which the
/// owner of the database includes in its `SchemaMigrations`. Nothing but this type may write
/// them, and only one `StateStore` may write a database; others may read beside it (each
/// drops its caches when `PRAGMA data_version` shows another connection committed).
///
/// Changes are applied inside `Database.transaction(_:)`. The store observes the database's
/// transactions: when one rolls back, the in-memory tree is rolled back with it; when an
/// `apply` fails, the transaction cannot commit (it rolls back with
/// `StoreError.transactionAborted`).
public final class StateStore {
    /// The lengths a key may have.
    public static let keyByteCountRange = 1...256
    /// The longest value, 1 MiB.
    public static let valueByteCountMax = 1 << 20
    /// The number of buckets, and of leaves of the tree.
    public static let bucketCount = StateTree.bucketCount

    /// Creates the `state` and `state_buckets` tables.
    public static let schemaMigration = SchemaMigration(name: "state store tables", sql: """
        CREATE TABLE state (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE state_buckets (bucket INTEGER PRIMARY KEY, hash BLOB NOT NULL);
        """)

    /// The database holding the state.
    public let database: Database
    /// The tree over the bucket hashes, in step with the database's current transaction.
    var tree: StateTree
    /// Whether an `apply` failed in the current transaction, leaving its writes incomplete.
    var applyFailed = false
    /// The reused buffer for hashing buckets.
    var bucketHasher = StateBucketHasher()
    /// The preimages of buckets hashed lately, in step with the open transaction.
    var bucketCache = StateBucketCache(bucketCount: StateTree.bucketCount)
    /// The values of keys read lately, in step with the open transaction.
    var valueCache = StateValueCache()
    /// Whether reads are cached in `valueCache`: off for an owner that keeps the values it
    /// reads itself (the ledger), which then saves passing every write through the cache.
    let cachesValues: Bool
    /// The prepared read of one row, kept rather than looked up for every read.
    private var readStatement: Statement?
    /// SQLite's `data_version` when this connection last looked: it changes when another
    /// connection commits (a node writing while a command or a service reads beside it).
    private var observedDataVersion: Int64?
    /// Whether reads first check that no other connection committed (SQLite's
    /// `data_version`, one statement per check). An owner that is the file's only writer
    /// (it holds a lock that every other writer takes) turns it off: nobody else changes
    /// what it caches.
    public var watchesOtherWriters = true
    /// How many times another connection's commits made this one drop its caches; owners
    /// of their own caches (the ledger's chain record) compare it to know when to re-read.
    public private(set) var externalChangeCount = 0

    /// Opens the state in `database`, whose schema must include `schemaMigration`, and builds
    /// the tree from the persisted bucket hashes.
    ///
    /// With `verifyingIntegrity`, every row is read and hashed as well, and
    /// `StoreError.stateMismatch` is thrown if any bucket disagrees with its stored hash.
    /// Without `cachingValues`, every read of a value that may be present goes to SQLite.
    public init(database: Database, verifyingIntegrity: Bool = false, cachingValues: Bool = true) throws {
        self.database = database
        cachesValues = cachingValues
        for table in ["state", "state_buckets"] {
            try Self.checkTableExists(table, in: database)
        }
        tree = StateTree(leaves: try Self.storedBucketHashes(in: database))
        database.addTransactionObserver(self)
        try refreshIfChangedElsewhere()
        if verifyingIntegrity {
            try verifyIntegrity()
        }
    }

    /// The root hash of the state: 32 zero bytes when the state is empty.
    public var root: [UInt8] {
        tree.root
    }

    /// The hash of bucket `bucket` (0..<65,536): 32 zero bytes when it is empty.
    public func bucketHash(_ bucket: Int) -> [UInt8] {
        tree.leaf(bucket)
    }

    /// The bucket `key` falls in: the first two bytes of BLAKE2b-256(key), big-endian.
    public static func bucket(for key: [UInt8]) -> Int {
        withUnsafeTemporaryAllocation(byteCount: BLAKE2b256.byteCount, alignment: 8) { digest in
            key.withUnsafeBytes { BLAKE2b256.hash($0, into: digest) }
            return Int(digest[0]) << 8 | Int(digest[1])
        }
    }

    /// Drops what this connection remembered of the state (values, bucket preimages, the
    /// tree) when another connection has committed since it last looked, so that a reader
    /// beside the writer never answers from a stale cache; returns whether it did. Does
    /// nothing inside a transaction (this connection then sees only its own snapshot), or
    /// when it does not watch other writers (`watchesOtherWriters`).
    @discardableResult
    public func refreshIfChangedElsewhere() throws -> Bool {
        guard watchesOtherWriters, !database.isInTransaction else { return false }
        let statement = try database.cachedStatement("PRAGMA data_version")
        defer { statement.reset() }
        guard try statement.step() else { return false }
        let version = statement.int64(at: 0)
        defer { observedDataVersion = version }
        guard let observed = observedDataVersion, observed != version else { return false }
        valueCache = StateValueCache()
        bucketCache = StateBucketCache(bucketCount: StateTree.bucketCount)
        tree = StateTree(leaves: try Self.storedBucketHashes(in: database))
        externalChangeCount += 1
        return true
    }

    /// The value stored under `key`, or nil when there is none.
    public func value(for key: [UInt8]) throws -> [UInt8]? {
        try Self.checkKey(key)
        try refreshIfChangedElsewhere()
        if cachesValues, let cached = valueCache.value(for: key) { return cached }
        try database.finishPendingCommit()
        guard let bucket = bucketUnlessKnownAbsent(key) else { return nil }
        let statement = try readStatement ?? database.prepare(Self.readRowSQL)
        readStatement = statement
        let value = try Self.read(key, bucket: bucket, with: statement)
        if cachesValues, let value { valueCache.insert(value, for: key) }
        return value
    }

    /// The value stored under `key` as `reader` (another connection to this store's file)
    /// sees it, or nil: for reading keys that the transaction committing in the background
    /// did not write, while it commits. Only this store's bucket cache is consulted, to know
    /// absent keys absent; the value cache is not.
    public func value(for key: [UInt8], readingFrom reader: Database) throws -> [UInt8]? {
        try Self.checkKey(key)
        guard let bucket = bucketUnlessKnownAbsent(key) else { return nil }
        return try Self.read(key, bucket: bucket, with: reader.cachedStatement(Self.readRowSQL))
    }

    /// Reads one state row.
    private static let readRowSQL = "SELECT value FROM state WHERE key = ?1"

    /// `key`'s bucket, or nil when the bucket is empty (its leaf in the tree is all zeros) or
    /// its cached preimage shows the key absent.
    private func bucketUnlessKnownAbsent(_ key: [UInt8]) -> Int? {
        let bucket = Self.bucket(for: key)
        if StateTree.emptyHash.withUnsafeBytes({ tree.leaf(bucket, equals: $0) }) {
            return nil
        }
        if let preimage = bucketCache.preimage(bucket),
           key.withUnsafeBytes({ StateBucketHasher.contains($0, in: preimage) }) == false {
            return nil
        }
        return bucket
    }

    /// Runs `statement` (`readRowSQL`) for `key` in `bucket` and returns the value, if any.
    private static func read(_ key: [UInt8], bucket: Int, with statement: Statement) throws -> [UInt8]? {
        defer { statement.reset() }
        let stored = withUnsafeTemporaryAllocation(byteCount: 2 + key.count, alignment: 1) { stored in
            stored[0] = UInt8(bucket >> 8)
            stored[1] = UInt8(bucket & 0xff)
            key.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: stored[2...]).copyMemory(from: $0) }
            return Result { () throws(StoreError) in try statement.bind(bytes: UnsafeRawBufferPointer(stored), at: 1) }
        }
        try stored.get()
        guard try statement.step() else { return nil }
        return statement.blob(at: 0)
    }

    /// Applies `changes` and returns the new root; the order of `changes` does not matter.
    ///
    /// Must run inside `Database.transaction(_:)`. A key may appear only once in `changes`.
    /// Throws `StoreError.invalidKeyByteCount` or `.valueTooLong` before writing anything;
    /// after a database error the transaction can only roll back.
    @discardableResult
    public func apply(_ changes: [StateChange]) throws -> [UInt8] {
        try apply(PreparedStateChanges(changes))
    }

    /// Applies changes prepared beforehand (`PreparedStateChanges`) and returns the new root.
    ///
    /// Must run inside `Database.transaction(_:)`; after a database error the transaction
    /// can only roll back.
    @discardableResult
    public func apply(_ prepared: PreparedStateChanges) throws -> [UInt8] {
        precondition(database.isInTransaction, "StateStore.apply runs inside Database.transaction")
        let writes = prepared.writes
        do {
            let update = StateBucketUpdate(store: self, writes: writes)
            try cachePreimages(of: update.ranges)
            try update.run { () throws(StoreError) in
                cacheValues(of: writes)
                try writeRows(writes)
            }
            try storeBucketHashes(update.storedHashes)
        } catch {
            applyFailed = true
            throw error
        }
        return tree.root
    }

    /// Applies changes prepared beforehand to the tree and the caches now, and returns the
    /// rows still to write: `writeRows(_:)` writes them later in the same transaction, on
    /// this thread or in `Database.writeBeforeCommit(_:)`. The root (`root`) is the new one
    /// at once.
    ///
    /// Must run inside `Database.transaction(_:)`; if the rows are never written, the
    /// transaction must roll back.
    ///
    /// `ahead`, the bucket work done beforehand by `prepareAhead(_:)` for the same changes,
    /// is taken as it is when the state has not moved since (same root, and nothing written
    /// yet in this transaction); otherwise the work is done here.
    public func applyDeferringRows(_ prepared: PreparedStateChanges, ahead: StateAheadUpdate? = nil) throws -> StateRows {
        precondition(database.isInTransaction, "StateStore.applyDeferringRows runs inside Database.transaction")
        let writes = prepared.writes
        if let ahead, ahead.baseRoot == tree.root, !tree.hasUndo {
            for (range, preimage) in zip(ahead.ranges, ahead.merged) {
                bucketCache.store(preimage, for: range.bucket)
            }
            tree = ahead.tree
            cacheValues(of: writes)
            return StateRows(writes: writes, buckets: ahead.hashes)
        }
        do {
            let update = StateBucketUpdate(store: self, writes: writes)
            try cachePreimages(of: update.ranges)
            update.run()
            cacheValues(of: writes)
            return StateRows(writes: writes, buckets: update.storedHashes)
        } catch {
            applyFailed = true
            throw error
        }
    }

    /// Does the bucket work of `prepared` (merging and hashing the buckets, the tree above
    /// them) without changing the tree, so that it may run while another transaction
    /// commits in the background; `applyDeferringRows(_:ahead:)` then takes it over.
    ///
    /// A bucket whose preimage is not cached was not written by the committing transaction
    /// (each write passes through the cache), so its rows are read through `reader`, a second
    /// connection to this store's file, and cached as committed. Returns nil when the cache
    /// started afresh in the open transaction, which may then have written uncached buckets.
    public func prepareAhead(_ prepared: PreparedStateChanges, reader: Database) throws -> StateAheadUpdate? {
        guard !bucketCache.wasEmptiedInTransaction else { return nil }
        let update = StateBucketUpdate(store: self, writes: prepared.writes)
        for range in update.ranges where bucketCache.preimage(range.bucket) == nil {
            bucketCache.storeCommitted(try readPreimage(range.bucket, through: reader), for: range.bucket)
        }
        // Past its size limit the cache starts afresh, dropping what was just read.
        guard !bucketCache.wasEmptiedInTransaction,
              update.ranges.allSatisfy({ bucketCache.preimage($0.bucket) != nil }) else { return nil }
        let baseRoot = tree.root
        let (merged, updatedTree) = update.runAhead()
        return StateAheadUpdate(baseRoot: baseRoot, ranges: update.ranges, merged: merged, tree: updatedTree,
                                hashes: update.storedHashes)
    }

    /// Writes rows returned by `applyDeferringRows(_:)`. It touches the database only, so it
    /// may run on the thread that commits the transaction.
    public func writeRows(_ rows: StateRows) throws {
        try writeRows(rows.writes)
        try storeBucketHashes(rows.buckets)
    }

    /// The root `apply(prepared)` would give, computed without writing a row: for checking a
    /// proposed batch's root. The tree and the bucket cache move on as if the changes were
    /// applied, so the transaction cannot commit afterwards (it throws
    /// `StoreError.transactionAborted`): the caller rolls it back, which puts them back.
    ///
    /// Must run inside `Database.transaction(_:)`.
    public func root(after prepared: PreparedStateChanges) throws -> [UInt8] {
        precondition(database.isInTransaction, "StateStore.root(after:) runs inside Database.transaction")
        applyFailed = true
        let update = StateBucketUpdate(store: self, writes: prepared.writes)
        try cachePreimages(of: update.ranges)
        update.run()
        return tree.root
    }

    /// Reads and hashes every row and returns the root they give, ignoring the stored hashes.
    public func recomputeRoot() throws -> [UInt8] {
        StateTree(leaves: try recomputedBucketHashes()).root
    }

    /// Reads and hashes every row and throws `StoreError.stateMismatch` for the first bucket
    /// whose hash differs from the stored one.
    public func verifyIntegrity() throws {
        var next = 0
        for (bucket, hash) in try recomputedBucketHashes() {
            for empty in next..<bucket where tree.leaf(empty) != StateTree.emptyHash {
                throw StoreError.stateMismatch(bucket: empty)
            }
            guard tree.leaf(bucket) == hash else { throw StoreError.stateMismatch(bucket: bucket) }
            next = bucket + 1
        }
        for empty in next..<Self.bucketCount where tree.leaf(empty) != StateTree.emptyHash {
            throw StoreError.stateMismatch(bucket: empty)
        }
    }
}
