extension Database {
    /// How a connection is set up when it is opened.
    public struct Options: Sendable, Equatable {
        /// How hard SQLite pushes each commit to the disk (`PRAGMA synchronous`).
        public enum Synchronous: String, Sendable, Equatable {
            /// Every commit is on the disk before `COMMIT` returns: survives a power cut.
            case full = "FULL"
            /// Commits survive a crash of the process; a power cut may lose the last few,
            /// but never leaves a half-written transaction.
            case normal = "NORMAL"
        }

        /// The most statements `Database.cachedStatement(_:)` keeps prepared.
        public static let statementCacheCountLimit = 4_096

        /// The commit durability; `.full` by default.
        public let synchronous: Synchronous
        /// How long a statement waits for another connection's lock before failing with `StoreError.busy`.
        public let busyTimeout: Duration
        /// The most prepared statements the cache keeps (1...`statementCacheCountLimit`); when it
        /// is full, the cache is emptied (statements still held elsewhere stay usable).
        public let statementCacheCountMax: Int
        /// The most memory SQLite's page cache of this connection may use (`PRAGMA cache_size`).
        public let pageCacheByteCount: Int
        /// How many pages the write-ahead log may grow to before a commit copies it back into the
        /// database file (`PRAGMA wal_autocheckpoint`); larger means fewer, longer checkpoints.
        public let walAutocheckpointPageCount: Int

        /// The largest `walAutocheckpointPageCount`: 4 GiB of 4 KiB pages.
        public static let walAutocheckpointPageCountMax = 1 << 20

        /// Options with full durability, a 5-second busy timeout, 256 cached statements, a
        /// 64 MiB page cache and SQLite's checkpoint interval of 1,000 pages, unless given otherwise.
        public init(
            synchronous: Synchronous = .full,
            busyTimeout: Duration = .seconds(5),
            statementCacheCountMax: Int = 256,
            pageCacheByteCount: Int = 64 << 20,
            walAutocheckpointPageCount: Int = 1_000
        ) {
            precondition((1...Self.statementCacheCountLimit).contains(statementCacheCountMax), "statement cache size out of range")
            precondition(busyTimeout >= .zero && busyTimeout <= .seconds(3_600), "busy timeout out of range")
            precondition(pageCacheByteCount >= 0 && pageCacheByteCount <= 1 << 40, "page cache size out of range")
            precondition((1...Self.walAutocheckpointPageCountMax).contains(walAutocheckpointPageCount), "checkpoint interval out of range")
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
            self.statementCacheCountMax = statementCacheCountMax
            self.pageCacheByteCount = pageCacheByteCount
            self.walAutocheckpointPageCount = walAutocheckpointPageCount
        }
    }
}
