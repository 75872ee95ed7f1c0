// The LedgerWorkload module: seeded, realistic transaction sequences for the ledger, for
// property tests, the crash test and the ledger benchmark.
//
// It owns a genesis with N funded accounts in known roles, a catalogue of what the
// workload's transactions created (read back from the ledger), and a batch builder that
// draws each transaction's kind by weight and fills it in so that it applies, or, for a
// chosen share, so that it fails in the state machine with a known reason. It never makes
// a transaction that a batch must refuse (nonce, expiry, fee), so every batch applies.
//
// It may import Ledger, Identity and Sodium. It reads no clock and no global random
// generator: batch k is drawn from WorkloadRandom(seed, stream: k) and the ledger's state
// before it, so a workload resumed on a reopened ledger continues exactly where an
// uninterrupted one would.
//
//     seed ──▶ WorkloadAccounts (keys, roles) ──▶ WorkloadGenesis ──▶ Genesis
//     ledger at height k-1 ──▶ WorkloadCatalogue.synchronize ─┐
//     WorkloadRandom(seed, k) ── WorkloadMix.draw ──▶ WorkloadBatchBuilder ──▶ LedgerBatch k
import Identity
import Ledger
import Sodium

/// A seeded generator of transaction batches over its own genesis.
///
///     var workload = LedgerWorkload(seed: 7, accountCount: 64)
///     let ledger = try LedgerDatabase(path: ":memory:")
///     try ledger.initialize(with: workload.genesis)
///     let batch = try workload.nextBatch(ledger: ledger, transactionCount: 100, secondsAfter: 20)
///     try ledger.apply(batch)
public struct LedgerWorkload: Sendable {
    /// The numbers of accounts a workload may have.
    public static let accountCountRange = 16...20_000
    /// The most transactions in one batch.
    public static let transactionCountMax = 100_000
    /// The chain the workload's transactions are signed for.
    public static let chainID = WorkloadGenesis.chainID

    /// The seed every key and choice follows from.
    public let seed: UInt64
    /// The accounts, their keys and genesis roles.
    public let accounts: WorkloadAccounts
    /// The genesis spec, as `oln genesis` would read it.
    public let spec: GenesisSpec
    public let genesis: Genesis
    /// The genesis hash, computed once.
    public let genesisHash: [UInt8]
    /// What kinds are drawn, and how many fail.
    public var mix = WorkloadMix.realistic
    /// What each transaction of the last batch was meant to do, in order.
    public private(set) var lastPlans: [PlannedTransaction] = []
    private var catalogue = WorkloadCatalogue()

    /// A workload whose keys and choices all follow from `seed`.
    public init(seed: UInt64, accountCount: Int) {
        precondition(Self.accountCountRange.contains(accountCount), "a workload has \(Self.accountCountRange) accounts")
        self.seed = seed
        accounts = WorkloadAccounts(seed: seed, count: accountCount)
        spec = WorkloadGenesis.spec(accounts: accounts)
        do {
            genesis = try Genesis(spec: spec)
        } catch {
            preconditionFailure("the workload's genesis spec is invalid: \(error)")
        }
        genesisHash = genesis.hash
    }

    /// The next batch for `ledger`, which must have been started from ``genesis``:
    /// `transactionCount` transactions at the ledger's time plus `secondsAfter`, led by one
    /// of the sequencers. The same seed and ledger state always give the same batch.
    public mutating func nextBatch(ledger: LedgerDatabase, transactionCount: Int,
                                   secondsAfter: UInt64) throws -> LedgerBatch {
        precondition((0...Self.transactionCountMax).contains(transactionCount), "too many transactions for one batch")
        precondition(ledger.genesisHash == genesisHash, "the ledger was not started from this workload's genesis")
        let (time, overflow) = ledger.time.addingReportingOverflow(secondsAfter)
        precondition(!overflow, "the batch time overflows")
        let parameters = try ledger.parameters()
        try catalogue.synchronize(with: ledger, challengeWindow: parameters.integer(.challengeWindow))
        let height = ledger.height + 1
        var builder = try WorkloadBatchBuilder(accounts: accounts, catalogue: catalogue, ledger: ledger,
                                               chainID: Self.chainID, time: time,
                                               random: WorkloadRandom(seed: seed, stream: height))
        for _ in 0..<transactionCount {
            try builder.addTransaction(mix: mix)
        }
        lastPlans = builder.plans
        let leader = accounts.addresses[accounts.sequencers[Int(height % UInt64(accounts.sequencers.count))]]
        return LedgerBatch(height: height, time: time, leader: leader, transactions: builder.transactions)
    }

    /// The signing key of `address`, if it is one of the workload's accounts.
    public func privateKey(of address: AccountAddress) -> Ed25519PrivateKey? {
        accounts.index(of: address).map { accounts.keys[$0] }
    }
}
