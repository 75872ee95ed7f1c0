/// The deterministic state transition: applies one batch to the state.
///
/// Order within a batch: scheduled events that are due (settlements, releases, enacted
/// proposals), then each transaction in order. A transaction is first checked (expiry,
/// nonce, fee) — failing that it is rejected and leaves no trace — then its fee is paid
/// and its nonce used, and then its handler runs on a layer of writes that is kept only
/// if the handler succeeds. Fees collected go to the batch's leader less the burned share.
///
/// No clock but `batch.time`, no floating point, no randomness, and no iteration over
/// unordered collections: the same batches give the same state on every peer.
struct LedgerStateMachine {
    let chainID: UInt64
    let state: LedgerState
    let batch: LedgerBatch
    var parameters: LedgerParameters
    private var feesCollected: Amount = 0
    /// Datanets that accepted contributions while this batch's events ran.
    var datanetsWithAcceptances: Set<[UInt8]> = []

    init(chainID: UInt64, state: LedgerState, batch: LedgerBatch, parameters: LedgerParameters) {
        self.chainID = chainID
        self.state = state
        self.batch = batch
        self.parameters = parameters
    }

    /// Applies the batch's due events and transactions; returns each transaction's outcome.
    mutating func run() throws -> [TransactionOutcome] {
        try runDueEvents()
        var outcomes: [TransactionOutcome] = []
        outcomes.reserveCapacity(batch.transactions.count)
        let authorizations = batch.feeAuthorizations
        for (index, transaction) in batch.transactions.enumerated() {
            let authorization = index < authorizations.count ? authorizations[index] : nil
            outcomes.append(try apply(transaction, feeAuthorization: authorization))
        }
        try distributeFees()
        return outcomes
    }

    private mutating func apply(_ signed: SignedTransaction,
                                feeAuthorization: SignedMessage<FeeAuthorization>?) throws -> TransactionOutcome {
        let transaction = signed.body
        let sender = signed.signerAddress
        if let rejection = try check(transaction, bodyByteCount: signed.bodyBytes.count, sender: sender) {
            return .rejected(rejection)
        }
        try state.modifyAccount(sender) { account in
            account.balance -= transaction.fee
            account.nonce += 1
        }
        feesCollected = try CheckedArithmetic.sum(feesCollected, transaction.fee)
        let context = TransactionContext(
            sender: sender, transaction: transaction,
            createdID: LedgerIdentifier.derive(sender: sender, nonce: transaction.nonce), time: batch.time,
            feeAuthorization: feeAuthorization)
        state.beginTransaction()
        do {
            try handle(transaction.kind, context)
            state.commitTransaction()
            return .applied
        } catch let failure as TransactionFailure {
            state.discardTransaction()
            return .failed(failure)
        }
    }

    /// Why the transaction cannot be included, or nil if it can.
    func check(_ transaction: Transaction, bodyByteCount: Int, sender: AccountAddress) throws -> TransactionRejection? {
        guard transaction.expiry >= batch.time else {
            return .expired(expiry: transaction.expiry, time: batch.time)
        }
        let account = try state.account(sender)
        guard transaction.nonce == account.nonce else {
            return .nonceMismatch(expected: account.nonce, actual: transaction.nonce)
        }
        let minimum = minimumFee(kind: transaction.kind, bodyByteCount: bodyByteCount)
        guard transaction.fee >= minimum else { return .feeBelowMinimum(minimum: minimum) }
        guard account.balance >= transaction.fee else { return .feeNotCovered }
        return nil
    }

    /// `(base gas of the kind + gas per byte · body bytes) · gas price`, saturating.
    func minimumFee(kind: TransactionKind, bodyByteCount: Int) -> Amount {
        let byteGas = parameters[.gasPerByte].multipliedReportingOverflow(by: Amount(bodyByteCount))
        let gas = parameters.baseGas(forKind: kind.name).addingReportingOverflow(byteGas.partialValue)
        let fee = gas.partialValue.multipliedReportingOverflow(by: parameters[.gasPrice])
        return byteGas.overflow || gas.overflow || fee.overflow ? Amount.max : fee.partialValue
    }

    private mutating func handle(_ kind: TransactionKind, _ context: TransactionContext) throws {
        switch kind {
        case .transfer(let transfer): try handleTransfer(transfer, context)
        case .stake(let stake): try handleStake(stake, context)
        case .unstake(let unstake): try handleUnstake(unstake, context)
        case .claimVesting(let claim): try handleClaimVesting(claim, context)
        case .propose(let proposal): try handlePropose(proposal, context)
        case .governanceVote(let vote): try handleGovernanceVote(vote, context)
        case .createDatanet(let creation): try handleCreateDatanet(creation, context)
        case .contribute(let contribution): try handleContribute(contribution, context)
        case .curationVote(let vote): try handleCurationVote(vote, context)
        case .registerBaseModel(let model): try handleRegisterBaseModel(model, context)
        case .trainingResult(let result): try handleTrainingResult(result, context)
        case .hostListing(let listing): try handleHostListing(listing, context)
        case .inferenceReceipt(let receipt): try handleInferenceReceipt(receipt, context)
        case .attributionChallenge(let challenge): try handleAttributionChallenge(challenge, context)
        case .challengeVote(let vote): try handleChallengeVote(vote, context)
        case .equivocationEvidence(let evidence): try handleEquivocationEvidence(evidence, context)
        }
    }

    private mutating func distributeFees() throws {
        guard feesCollected > 0 else { return }
        let burned = CheckedArithmetic.share(of: feesCollected, partsPerMillion: parameters[.feeBurn])
        try state.burn(burned)
        let rest = feesCollected - burned
        if let leader = batch.leader {
            try state.credit(leader, rest)
            state.recordPayout(PayoutEvent(subject: [], account: leader, reason: .transactionFees, amount: rest))
        } else {
            try state.addToTreasury(rest)
        }
    }
}
