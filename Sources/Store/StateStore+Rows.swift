import CSQLite

extension StateStore {
    /// Upserts a state row.
    private static let upsertRowSQL =
        "INSERT INTO state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    /// Deletes a state row.
    private static let deleteRowSQL = "DELETE FROM state WHERE key = ?1"
    /// Reads one bucket's rows, given the bucket's 2-byte prefix and the next bucket's.
    private static let bucketRowsSQL = "SELECT key, value FROM state WHERE key > ?1 AND key < ?2"
    /// Reads the last bucket's rows, given its 2-byte prefix.
    private static let lastBucketRowsSQL = "SELECT key, value FROM state WHERE key > ?1"
    /// Upserts a bucket hash.
    private static let upsertBucketSQL =
        "INSERT INTO state_buckets (bucket, hash) VALUES (?1, ?2) ON CONFLICT (bucket) DO UPDATE SET hash = excluded.hash"
    /// Deletes the hash of a bucket that became empty.
    private static let deleteBucketSQL = "DELETE FROM state_buckets WHERE bucket = ?1"

    /// Throws unless `key` has an allowed length.
    static func checkKey(_ key: [UInt8]) throws(StoreError) {
        guard keyByteCountRange.contains(key.count) else {
            throw StoreError.invalidKeyByteCount(key.count)
        }
    }

    /// Appends `key` behind its 2-byte big-endian bucket to `bytes`.
    static func appendStoredKey(_ key: [UInt8], bucket: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(bucket >> 8))
        bytes.append(UInt8(bucket & 0xff))
        bytes.append(contentsOf: key)
    }

    /// Validates `changes` and returns them in stored-key order; a repeated key is a programmer error.
    static func sortedWrites(_ changes: [StateChange]) throws(StoreError) -> [StateWrite] {
        var writes: [StateWrite] = []
        writes.reserveCapacity(changes.count)
        for change in changes {
            try checkKey(change.key)
            if let value = change.value, value.count > valueByteCountMax {
                throw StoreError.valueTooLong(value.count)
            }
            let bucket = change.knownBucket ?? bucket(for: change.key)
            assert(bucket == Self.bucket(for: change.key), "a change's known bucket is the key's")
            writes.append(StateWrite(bucket: bucket, key: change.key, value: change.value))
        }
        writes.sort { $0.precedes($1) }
        for position in writes.indices.dropFirst() {
            precondition(!writes[position - 1].hasSameKey(as: writes[position]), "a key may change only once per apply")
        }
        return writes
    }

    /// Passes `writes` through the value cache, when there is one.
    func cacheValues(of writes: [StateWrite]) {
        guard cachesValues else { return }
        for write in writes { valueCache.update(write.key, to: write.value) }
    }

    /// Writes the rows of `writes`; touches the database only.
    func writeRows(_ writes: [StateWrite]) throws(StoreError) {
        let upsert = try database.cachedStatement(Self.upsertRowSQL)
        let delete = try database.cachedStatement(Self.deleteRowSQL)
        // Each stored key is built in one reused buffer rather than an array per write.
        var storedKey: [UInt8] = []
        storedKey.reserveCapacity(2 + Self.keyByteCountRange.upperBound)
        for write in writes {
            storedKey.removeAll(keepingCapacity: true)
            Self.appendStoredKey(write.key, bucket: write.bucket, to: &storedKey)
            if let value = write.value {
                try upsert.bind(storedKey, at: 1)
                try upsert.bind(value, at: 2)
                try upsert.run()
            } else {
                try delete.bind(storedKey, at: 1)
                try delete.run()
            }
        }
    }

    /// Caches the committed preimage of every bucket in `ranges` that is not cached, read
    /// from its rows before they are written, so that every bucket can then be merged.
    func cachePreimages(of ranges: [StateBucketUpdate.Range]) throws(StoreError) {
        for range in ranges where bucketCache.preimage(range.bucket) == nil {
            bucketCache.storeCommitted(try readPreimage(range.bucket), for: range.bucket)
        }
    }

    /// Stores the bucket hashes that changed: upserted, or deleted when the bucket became
    /// empty. Touches the database only.
    func storeBucketHashes(_ update: StateBucketHashes) throws(StoreError) {
        let upsert = try database.cachedStatement(Self.upsertBucketSQL)
        let delete = try database.cachedStatement(Self.deleteBucketSQL)
        for change in update.changed {
            if change.isEmpty {
                try delete.bind(Int64(change.bucket), at: 1)
                try delete.run()
            } else {
                let start = change.position * StateTree.hashByteCount
                try upsert.bind(Int64(change.bucket), at: 1)
                try update.hashes.withUnsafeBytes { bytes in
                    let hash = UnsafeRawBufferPointer(rebasing: bytes[start..<start + StateTree.hashByteCount])
                    return Result { () throws(StoreError) in try upsert.bind(bytes: hash, at: 2) }
                }.get()
                try upsert.run()
            }
        }
    }

    /// Reads bucket `bucket`'s rows through `connection` (this store's database when nil)
    /// and returns its preimage.
    func readPreimage(_ bucket: Int, through connection: Database? = nil) throws(StoreError) -> [UInt8] {
        let isLast = bucket == Self.bucketCount - 1
        let statement = try (connection ?? database).cachedStatement(isLast ? Self.lastBucketRowsSQL : Self.bucketRowsSQL)
        try withUnsafeBytes(of: UInt16(bucket).bigEndian) { prefix throws(StoreError) in
            try statement.bind(bytes: prefix, at: 1)
        }
        if !isLast {
            try withUnsafeBytes(of: UInt16(bucket + 1).bigEndian) { prefix throws(StoreError) in
                try statement.bind(bytes: prefix, at: 2)
            }
        }
        bucketHasher.reset()
        defer { statement.reset() }
        while try statement.step() {
            statement.withUnsafeBlob(at: 0) { storedKey in
                statement.withUnsafeBlob(at: 1) { value in
                    bucketHasher.append(key: UnsafeRawBufferPointer(rebasing: storedKey.dropFirst(2)), value: value)
                }
            }
        }
        return bucketHasher.preimage
    }

    /// Reads every row in key order and returns the hash of each non-empty bucket.
    func recomputedBucketHashes() throws -> [(bucket: Int, hash: [UInt8])] {
        let statement = try database.prepare("SELECT key, value FROM state ORDER BY key")
        var hashes: [(bucket: Int, hash: [UInt8])] = []
        var current = -1
        var hasher = StateBucketHasher()
        while try statement.step() {
            let bucket = try statement.withUnsafeBlob(at: 0) { storedKey throws(StoreError) in
                guard storedKey.count >= 2 + Self.keyByteCountRange.lowerBound else {
                    throw StoreError.corrupt(code: SQLITE_CORRUPT, message: "a state row's key is too short")
                }
                return Int(storedKey[0]) << 8 | Int(storedKey[1])
            }
            if bucket != current, current >= 0 {
                hashes.append((current, hasher.finalize()))
                hasher.reset()
            }
            current = bucket
            statement.withUnsafeBlob(at: 0) { storedKey in
                statement.withUnsafeBlob(at: 1) { value in
                    hasher.append(key: UnsafeRawBufferPointer(rebasing: storedKey.dropFirst(2)), value: value)
                }
            }
        }
        if current >= 0 {
            hashes.append((current, hasher.finalize()))
        }
        return hashes
    }

    /// Reads the stored hashes of the non-empty buckets, checking each row's shape.
    static func storedBucketHashes(in database: Database) throws -> [(bucket: Int, hash: [UInt8])] {
        let statement = try database.prepare("SELECT bucket, hash FROM state_buckets ORDER BY bucket")
        var hashes: [(bucket: Int, hash: [UInt8])] = []
        while try statement.step() {
            let bucket = statement.int64(at: 0)
            let hash = statement.blob(at: 1)
            guard (0..<Int64(bucketCount)).contains(bucket), hash.count == StateTree.hashByteCount else {
                throw StoreError.corrupt(code: SQLITE_CORRUPT, message: "state_buckets row \(bucket) is malformed")
            }
            hashes.append((Int(bucket), hash))
        }
        return hashes
    }

    /// Throws `StoreError.missingTable` unless `database` has table `name`.
    static func checkTableExists(_ name: String, in database: Database) throws(StoreError) {
        let statement = try database.cachedStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        defer { statement.reset() }
        try statement.bind(name, at: 1)
        guard try statement.step() else {
            throw StoreError.missingTable(name: name)
        }
    }
}
