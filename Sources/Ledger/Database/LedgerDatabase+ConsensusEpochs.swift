import Store

/// The consensus epochs kept beside the ledger (`consensus_epochs`): written with the batch
/// that ends an epoch, or at genesis; read when a node starts. Not part of the state root.
extension LedgerDatabase {
    /// Most epoch rows one read returns.
    public static let consensusEpochReadCountMax = 1_024

    /// The kept epoch rows, in number order (at most ``consensusEpochReadCountMax``, the newest).
    public func consensusEpochRows() throws -> [ConsensusEpochRow] {
        let statement = try database.cachedStatement(
            "SELECT number, record FROM consensus_epochs ORDER BY number DESC LIMIT ?")
        defer { statement.reset() }
        try statement.bind(Int64(Self.consensusEpochReadCountMax), at: 1)
        var rows: [ConsensusEpochRow] = []
        while try statement.step() {
            rows.append(ConsensusEpochRow(number: UInt64(bitPattern: statement.int64(at: 0)), record: statement.blob(at: 1)))
        }
        return rows.reversed()
    }

    /// Keeps `rows` (replacing rows of the same numbers) and forgets rows numbered below
    /// `lowestKept`, in one SQLite transaction.
    public func storeConsensusEpochRows(_ rows: [ConsensusEpochRow], keepingFrom lowestKept: UInt64) throws {
        try database.transaction { try writeConsensusEpochRows(rows, keepingFrom: lowestKept) }
    }

    /// Writes epoch rows inside the open SQLite transaction.
    func writeConsensusEpochRows(_ rows: [ConsensusEpochRow], keepingFrom lowestKept: UInt64) throws {
        let insert = try database.cachedStatement("INSERT OR REPLACE INTO consensus_epochs(number, record) VALUES (?, ?)")
        for row in rows {
            try insert.bind(Int64(bitPattern: row.number), at: 1)
            try insert.bind(row.record, at: 2)
            try insert.run()
        }
        let prune = try database.cachedStatement("DELETE FROM consensus_epochs WHERE number < ?")
        try prune.bind(Int64(bitPattern: lowestKept), at: 1)
        try prune.run()
    }
}
