import Store

/// Listings of whole record kinds for operators and the CLI. They scan the state table
/// (there is no index by kind), so they are for occasional queries, never for batch work.
extension LedgerDatabase {
    /// The most records a listing returns.
    public static let listingCountMax = 10_000

    /// Every datanet and its identifier, ordered by identifier.
    public func datanets(limit: Int = 1_000) throws -> [(id: [UInt8], record: DatanetRecord)] {
        try records(kind: 0x08, limit: limit)
    }

    /// Every registered base model and its hash, ordered by hash.
    public func baseModels(limit: Int = 1_000) throws -> [(hash: [UInt8], record: BaseModelRecord)] {
        try records(kind: 0x0a, limit: limit).map { ($0.id, $0.record) }
    }

    /// Every adapter published by a TrainingResult and its hash, ordered by hash.
    public func adapters(limit: Int = 1_000) throws -> [(hash: [UInt8], record: AdapterRecord)] {
        try records(kind: 0x0b, limit: limit).map { ($0.id, $0.record) }
    }

    /// Every governance proposal and its identifier, ordered by identifier.
    public func proposals(limit: Int = 1_000) throws -> [(id: [UInt8], record: ProposalRecord)] {
        try records(kind: 0x06, limit: limit)
    }

    /// The accepted contributions of `datanet` that belong to `version` (joined at that
    /// version or before), in the order they were accepted.
    public func contributions(datanet: [UInt8], upToVersion version: UInt64)
        throws -> [(id: [UInt8], record: ContributionRecord)] {
        let ids = try contributionIDs(datanet: datanet, status: .accepted, limit: Self.listingCountMax)
        let found = try ids.enumerated().compactMap { position, id -> (position: Int, id: [UInt8], record: ContributionRecord)? in
            guard let record = try contribution(id), record.version <= version else { return nil }
            return (position, id, record)
        }
        return found.sorted { ($0.record.version, $0.position) < ($1.record.version, $1.position) }.map { ($0.id, $0.record) }
    }

    /// Records whose state key is `kind` ‖ 32-byte identifier.
    private func records<Record: StateRecord>(kind: UInt8, limit: Int) throws -> [(id: [UInt8], record: Record)] {
        let statement = try database.cachedStatement("""
            SELECT substr(key, 4), value FROM state WHERE substr(key, 3, 1) = ? AND length(key) = 35
            ORDER BY substr(key, 4) LIMIT ?
            """)
        defer { statement.reset() }
        try statement.bind([kind], at: 1)
        try statement.bind(Int64(min(max(limit, 0), Self.listingCountMax)), at: 2)
        var result: [(id: [UInt8], record: Record)] = []
        while try statement.step() {
            result.append((statement.blob(at: 0), try Record.decodeStored(statement.blob(at: 1))))
        }
        return result
    }
}
