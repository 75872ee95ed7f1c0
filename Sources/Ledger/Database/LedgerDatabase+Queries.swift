import Store

/// Read-only queries on the last committed batch.
extension LedgerDatabase {
    /// An account's balance and next nonce.
    public func account(_ address: AccountAddress) throws -> (balance: Amount, nonce: UInt64) {
        let record = try currentState().account(address)
        return (record.balance, record.nonce)
    }

    /// The account's stake in every role it has staked in.
    public func stakes(of address: AccountAddress) throws -> [(role: StakeRole, amount: Amount)] {
        let state = currentState()
        return try StakeRole.allCases.compactMap { role in
            let amount = try state.stake(address, role)
            return amount > 0 ? (role, amount) : nil
        }
    }

    /// Every account with stake in `role` and its amount, ordered by address: the
    /// candidates for the sequencer and validator sets.
    public func stakers(of role: StakeRole) throws -> [(address: AccountAddress, amount: Amount)] {
        let statement = try database.cachedStatement("SELECT address, amount FROM stakes WHERE role = ? ORDER BY address")
        defer { statement.reset() }
        try statement.bind(Int64(role.rawValue), at: 1)
        var result: [(address: AccountAddress, amount: Amount)] = []
        while try statement.step() {
            let address = try AccountAddress(bytes: statement.blob(at: 0))
            result.append((address, AmountColumn.amount(statement.blob(at: 1))))
        }
        return result
    }

    /// All stake of one role.
    public func totalStake(of role: StakeRole) throws -> Amount {
        try currentState().roleTotal(role)
    }

    /// A genesis vesting allocation.
    public func vesting(of address: AccountAddress, allocation: UInt32) throws -> VestingRecord? {
        try currentState().record(VestingRecord.self, at: StateKey.vesting(address, allocation: allocation))
    }

    /// The treasury and the burned total.
    public func systemTotals() throws -> (treasury: Amount, burned: Amount) {
        let totals = try currentState().totals()
        return (totals.treasury, totals.burned)
    }

    public func datanet(_ id: [UInt8]) throws -> DatanetRecord? {
        try currentState().record(DatanetRecord.self, at: StateKey.datanet(id))
    }

    public func contribution(_ id: [UInt8]) throws -> ContributionRecord? {
        try currentState().record(ContributionRecord.self, at: StateKey.contribution(id))
    }

    /// `entries` rolled up per datanet, from the contributions' records.
    public func rollup(of entries: [AttributionEntry]) throws -> AttributionRollup {
        try AttributionRollup(entries) { id in try contribution(id)?.datanetID }
    }

    public func proposal(_ id: [UInt8]) throws -> ProposalRecord? {
        try currentState().record(ProposalRecord.self, at: StateKey.proposal(id))
    }

    public func baseModel(_ hash: [UInt8]) throws -> BaseModelRecord? {
        try currentState().record(BaseModelRecord.self, at: StateKey.baseModel(hash))
    }

    public func adapter(_ hash: [UInt8]) throws -> AdapterRecord? {
        try currentState().record(AdapterRecord.self, at: StateKey.adapter(hash))
    }

    public func hostListing(_ host: AccountAddress) throws -> HostListingRecord? {
        try currentState().record(HostListingRecord.self, at: StateKey.hostListing(host))
    }

    public func receipt(_ id: [UInt8]) throws -> ReceiptRecord? {
        try currentState().record(ReceiptRecord.self, at: StateKey.receipt(id))
    }

    public func challenge(_ id: [UInt8]) throws -> ChallengeRecord? {
        try currentState().record(ChallengeRecord.self, at: StateKey.challenge(id))
    }

    /// Everything `address` has been paid from receipts and challenges, in total.
    public func payoutTotal(of address: AccountAddress) throws -> Amount {
        try currentState().amount(at: StateKey.payouts(address))
    }

    /// Contribution ids of a datanet with the given status, oldest first, at most `limit`.
    public func contributionIDs(datanet: [UInt8], status: ContributionRecord.Status, limit: Int = 1_000) throws -> [[UInt8]] {
        try blobs("SELECT id FROM contributions WHERE datanet = ? AND status = ? ORDER BY rowid LIMIT ?") { statement in
            try statement.bind(datanet, at: 1)
            try statement.bind(status.name, at: 2)
            try statement.bind(Int64(limit), at: 3)
        }
    }

    /// Receipt ids served by `host`, newest first.
    public func receiptIDs(host: AccountAddress, limit: Int = 1_000) throws -> [[UInt8]] {
        try blobs("SELECT id FROM receipts_by_host WHERE host = ? ORDER BY time DESC, id LIMIT ?") { statement in
            try statement.bind(host.bytes, at: 1)
            try statement.bind(Int64(limit), at: 2)
        }
    }

    /// Receipt ids that used `adapter`, newest first.
    public func receiptIDs(adapter: [UInt8], limit: Int = 1_000) throws -> [[UInt8]] {
        try blobs("SELECT id FROM receipts_by_adapter WHERE adapter = ? ORDER BY time DESC, id LIMIT ?") { statement in
            try statement.bind(adapter, at: 1)
            try statement.bind(Int64(limit), at: 2)
        }
    }

    /// Receipt ids that paid `contributor`, newest first.
    public func receiptIDs(contributor: AccountAddress, limit: Int = 1_000) throws -> [[UInt8]] {
        try blobs("""
            SELECT DISTINCT subject FROM payouts WHERE account = ? AND reason = 'receipt_contributor'
            ORDER BY height DESC LIMIT ?
            """) { statement in
            try statement.bind(contributor.bytes, at: 1)
            try statement.bind(Int64(limit), at: 2)
        }
    }

    /// Payments to and slashes of `address`, newest first.
    public func payouts(of address: AccountAddress, limit: Int = 1_000) throws -> [PayoutEvent] {
        let statement = try database.cachedStatement("""
            SELECT subject, reason, amount FROM payouts WHERE account = ? ORDER BY height DESC, sequence DESC LIMIT ?
            """)
        defer { statement.reset() }
        try statement.bind(address.bytes, at: 1)
        try statement.bind(Int64(limit), at: 2)
        var events: [PayoutEvent] = []
        while try statement.step() {
            guard let reason = PayoutEvent.Reason(rawValue: statement.text(at: 1)) else { continue }
            events.append(PayoutEvent(subject: statement.blob(at: 0), account: address, reason: reason,
                                      amount: AmountColumn.amount(statement.blob(at: 2))))
        }
        return events
    }

    /// Each transaction of a batch with its outcome: (sender, nonce, kind, status, reason).
    public func transactionOutcomes(height: UInt64) throws -> [(sender: [UInt8], nonce: UInt64, kind: String, status: String, reason: String)] {
        let statement = try database.cachedStatement(
            "SELECT sender, nonce, kind, status, reason FROM transactions WHERE height = ? ORDER BY position")
        defer { statement.reset() }
        try statement.bind(Int64(bitPattern: height), at: 1)
        var rows: [(sender: [UInt8], nonce: UInt64, kind: String, status: String, reason: String)] = []
        while try statement.step() {
            rows.append((statement.blob(at: 0), UInt64(bitPattern: statement.int64(at: 1)), statement.text(at: 2),
                         statement.text(at: 3), statement.text(at: 4)))
        }
        return rows
    }

    /// The state root recorded after the batch at `height`.
    public func stateRoot(atHeight height: UInt64) throws -> [UInt8]? {
        try blobs("SELECT state_root FROM batches WHERE height = ?") { statement in
            try statement.bind(Int64(bitPattern: height), at: 1)
        }.first
    }

    private func blobs(_ sql: String, bind: (Statement) throws -> Void) throws -> [[UInt8]] {
        let statement = try database.cachedStatement(sql)
        defer { statement.reset() }
        try bind(statement)
        var results: [[UInt8]] = []
        while try statement.step() { results.append(statement.blob(at: 0)) }
        return results
    }
}
