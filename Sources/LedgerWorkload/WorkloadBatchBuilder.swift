import Identity
import Ledger

/// One batch in the making: its transactions so far, and for each account the nonce and
/// the balance its next transaction may count on.
///
/// Balances are tracked conservatively: the ledger's balance before the batch less every
/// fee, amount and bond this batch takes from the account, with nothing credited. Events
/// at the start of a batch only ever credit balances, so no transaction is ever refused
/// for its fee.
struct WorkloadBatchBuilder {
    /// Seconds from the batch's time until its transactions expire.
    static let expirySeconds: UInt64 = 600
    /// Draws tried before a transfer is made instead.
    static let attemptsMax = 8

    let accounts: WorkloadAccounts
    let catalogue: WorkloadCatalogue
    let ledger: LedgerDatabase
    let parameters: LedgerParameters
    let chainID: UInt64
    let time: UInt64
    var random: WorkloadRandom
    private(set) var transactions: [SignedTransaction] = []
    private(set) var plans: [PlannedTransaction] = []
    private var nonces: [Int: UInt64] = [:]
    private var spendable: [Int: Amount] = [:]
    private var stakes: [Int: [StakeRole: Amount]] = [:]
    private var datanetRecords: [Int: DatanetRecord?] = [:]
    /// Markers of what this batch already did once: votes cast, receipts challenged, claims.
    var done: Set<[UInt8]> = []
    /// Indices into `catalogue.pending` of contributions still open at `time`.
    let openContributions: [Int]
    /// Receipts that may still be challenged at `time`.
    let challengeableReceipts: [WorkloadCatalogue.Receipt]
    /// Challenges and proposals still open for votes at `time`.
    let openChallenges: [WorkloadCatalogue.Deadline]
    let openProposals: [WorkloadCatalogue.Deadline]

    init(accounts: WorkloadAccounts, catalogue: WorkloadCatalogue, ledger: LedgerDatabase, chainID: UInt64,
         time: UInt64, random: WorkloadRandom) throws {
        self.accounts = accounts
        self.catalogue = catalogue
        self.ledger = ledger
        parameters = try ledger.parameters()
        self.chainID = chainID
        self.time = time
        self.random = random
        openContributions = catalogue.pending.indices.filter { catalogue.pending[$0].windowEnd > time }
        let challengeWindow = parameters.integer(.challengeWindow)
        challengeableReceipts = catalogue.receipts.filter { $0.time &+ challengeWindow > time }
        openChallenges = catalogue.challenges.filter { $0.end > time }
        openProposals = catalogue.proposals.filter { $0.end > time }
    }

    /// Adds one transaction drawn from `mix`.
    mutating func addTransaction(mix: WorkloadMix) throws {
        if random.chance(partsPerMillion: mix.failurePartsPerMillion), try addFailing() { return }
        for _ in 0..<Self.attemptsMax {
            if try addValid(mix.draw(using: &random)) { return }
        }
        for _ in 0..<accounts.keys.count {
            if try addTransfer() { return }
        }
        preconditionFailure("no workload account can pay for a transfer")
    }

    private mutating func addValid(_ kind: WorkloadMix.Kind) throws -> Bool {
        switch kind {
        case .transfer: try addTransfer()
        case .stake: try addStake()
        case .unstake: try addUnstake()
        case .claimVesting: try addClaimVesting()
        case .propose: try addProposal()
        case .governanceVote: try addGovernanceVote()
        case .createDatanet: try addDatanet()
        case .contribute: try addContribution()
        case .curationVote: try addCurationVote()
        case .registerBaseModel: try addBaseModel()
        case .trainingResult: try addTrainingResult()
        case .hostListing: try addHostListing()
        case .inferenceReceipt: try addReceipt()
        case .attributionChallenge: try addChallenge()
        case .challengeVote: try addChallengeVote()
        case .equivocationEvidence: try addEvidence()
        }
    }

    // MARK: Signing

    /// Signs `kind` from account `sender` with its next nonce and a fee just above the
    /// minimum, if its balance covers the fee and `debit`; returns whether it was added.
    mutating func sign(_ kind: TransactionKind, from sender: Int, debit: Amount = 0,
                       expectedFailure: String? = nil) throws -> Bool {
        let nonce = try nextNonce(sender)
        let fee = fee(for: kind, nonce: nonce)
        let available = try spendableBalance(sender)
        guard available >= fee, available - fee >= debit else { return false }
        let body = Transaction(nonce: nonce, fee: fee, expiry: time + Self.expirySeconds, kind: kind)
        transactions.append(SignedTransaction(signing: body, chainID: chainID, with: accounts.keys[sender]))
        plans.append(PlannedTransaction(kind: kind.name, expectedFailure: expectedFailure))
        nonces[sender] = nonce + 1
        spendable[sender] = available - fee - debit
        return true
    }

    /// The minimum fee of `kind` (sized with the largest fee field) plus a tip of up to 10%.
    private mutating func fee(for kind: TransactionKind, nonce: UInt64) -> Amount {
        let sized = Transaction(nonce: nonce, fee: Amount.max, expiry: time + Self.expirySeconds, kind: kind)
        let gas = parameters.baseGas(forKind: kind.name) + parameters[.gasPerByte] * Amount(sized.canonicalBytes.count)
        let minimum = gas * parameters[.gasPrice]
        return minimum + Amount.random(in: 0...minimum / 10, using: &random)
    }

    /// The id the next transaction of `sender` creates.
    mutating func nextCreatedID(_ sender: Int) throws -> [UInt8] {
        LedgerIdentifier.derive(sender: accounts.addresses[sender], nonce: try nextNonce(sender))
    }

    private mutating func nextNonce(_ index: Int) throws -> UInt64 {
        if let nonce = nonces[index] { return nonce }
        let nonce = try ledger.account(accounts.addresses[index]).nonce
        nonces[index] = nonce
        return nonce
    }

    /// What `index` may still spend in this batch.
    mutating func spendableBalance(_ index: Int) throws -> Amount {
        if let amount = spendable[index] { return amount }
        let amount = try ledger.account(accounts.addresses[index]).balance
        spendable[index] = amount
        return amount
    }

    /// Takes `amount` from what `index` may spend, if it can; for a receipt's client.
    mutating func reserve(_ amount: Amount, of index: Int) throws -> Bool {
        let available = try spendableBalance(index)
        guard available >= amount else { return false }
        spendable[index] = available - amount
        return true
    }

    // MARK: State read once per batch

    /// The stake of `index` in `role` before the batch, less what this batch unstaked.
    mutating func stake(_ index: Int, _ role: StakeRole) throws -> Amount {
        if let known = stakes[index] { return known[role] ?? 0 }
        var known: [StakeRole: Amount] = [:]
        for (role, amount) in try ledger.stakes(of: accounts.addresses[index]) { known[role] = amount }
        stakes[index] = known
        return known[role] ?? 0
    }

    mutating func reduceStake(_ index: Int, _ role: StakeRole, by amount: Amount) {
        stakes[index]?[role]? -= amount
    }

    mutating func datanetRecord(_ datanet: Int) throws -> DatanetRecord? {
        if let known = datanetRecords[datanet] { return known }
        let record = try ledger.datanet(catalogue.datanets[datanet].id)
        datanetRecords[datanet] = .some(record)
        return record
    }

    // MARK: Drawing

    mutating func anyAccount() -> Int {
        Int.random(in: accounts.keys.indices, using: &random)
    }

    /// An account other than `excluded`.
    mutating func anyAccount(except excluded: Int) -> Int {
        let index = Int.random(in: 0..<accounts.keys.count - 1, using: &random)
        return index >= excluded ? index + 1 : index
    }

    /// A random index below `count`, or nil when `count` is zero.
    mutating func randomIndex(below count: Int) -> Int? {
        count > 0 ? Int.random(in: 0..<count, using: &random) : nil
    }

    mutating func element<Element>(of list: [Element]) -> Element? {
        list.randomElement(using: &random)
    }

    mutating func hash() -> [UInt8] {
        random.bytes(count: 32)
    }

    /// Marks `parts` as done in this batch; false if it already was.
    mutating func markDone(_ parts: [UInt8]...) -> Bool {
        done.insert(parts.flatMap { $0 }).inserted
    }
}
