import Store

/// The archive of finalized batches: written with each batch, read for restarts, sync
/// and export.
extension LedgerDatabase {
    /// Most batches one archive read returns.
    public static let archiveReadCountMax = 1_024

    func writeArchive(_ archive: ArchivedBatch, height: UInt64) throws {
        precondition(archive.height == height, "an archived batch is kept at its own height")
        let insert = try database.cachedStatement(
            "INSERT INTO archive(height, hash, slot, message, certificate) VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64(bitPattern: height), at: 1)
        try insert.bind(archive.hash, at: 2)
        try insert.bind(Int64(bitPattern: archive.slot), at: 3)
        try insert.bind(archive.message, at: 4)
        try insert.bind(archive.certificate, at: 5)
        try insert.run()
    }

    /// The archived batches from `height` on, at most `count` (and at most
    /// ``archiveReadCountMax``), in height order.
    public func archivedBatches(from height: UInt64, count: Int) throws -> [ArchivedBatch] {
        let statement = try database.cachedStatement(
            "SELECT height, hash, slot, message, certificate FROM archive WHERE height >= ? ORDER BY height LIMIT ?")
        defer { statement.reset() }
        try statement.bind(Int64(bitPattern: height), at: 1)
        try statement.bind(Int64(max(0, min(count, Self.archiveReadCountMax))), at: 2)
        var batches: [ArchivedBatch] = []
        while try statement.step() {
            batches.append(ArchivedBatch(height: UInt64(bitPattern: statement.int64(at: 0)), hash: statement.blob(at: 1),
                                         slot: UInt64(bitPattern: statement.int64(at: 2)), message: statement.blob(at: 3),
                                         certificate: statement.blob(at: 4)))
        }
        return batches
    }

    /// The newest archived batch, if any.
    public func lastArchivedBatch() throws -> ArchivedBatch? {
        let statement = try database.cachedStatement("SELECT MAX(height) FROM archive")
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        let height = UInt64(bitPattern: statement.int64(at: 0))
        statement.reset()
        return try archivedBatches(from: height, count: 1).first
    }
}
