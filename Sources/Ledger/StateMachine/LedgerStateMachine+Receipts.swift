import Identity

/// Inference receipts: the client's fee authorisation, the attribution, and the fee split.
///
/// The fee moves from the client to: the host (`receipt_host_share_ppm`); the attributed
/// contributors (`receipt_contributor_share_ppm`, split by weight); the curators who voted
/// to accept each attributed contribution (`receipt_curator_share_ppm`, split by the
/// entry's weight and then by vote weight); and the treasury, which also receives every
/// remainder of integer division. A receipt without attribution sends the contributor and
/// curator shares to the treasury.
extension LedgerStateMachine {
    /// Methods a receipt may name.
    static let attributionMethods: Set<String> = ["span/1", "influence/1"]

    func handleInferenceReceipt(_ receipt: InferenceReceipt, _ context: TransactionContext) throws {
        guard try state.stake(context.sender, .host) >= parameters[.hostStakeMin] else {
            throw TransactionFailure.insufficientStake(.host)
        }
        guard Self.attributionMethods.contains(receipt.method) else {
            throw TransactionFailure.invalidField("method must be span/1 or influence/1")
        }
        guard try state.contains(StateKey.datanet(receipt.datanetID)) else {
            throw TransactionFailure.unknownDatanet
        }
        let client = try useFeeAuthorization(receipt, host: context.sender, preverified: context.feeAuthorization)
        let contributions = try attributedContributions(receipt.attribution, datanets: try creditedDatanets(of: receipt))
        try state.debit(client, receipt.fee)
        try splitFee(receipt, host: context.sender, contributions: contributions, subject: context.createdID)
        state.setRecord(ReceiptRecord(host: context.sender, client: client, receipt: receipt, time: batch.time),
                        at: StateKey.receipt(context.createdID))
    }

    /// Verifies the client's authorisation for this receipt, marks it used, and returns
    /// the client.
    private func useFeeAuthorization(_ receipt: InferenceReceipt, host: AccountAddress,
                                     preverified: SignedMessage<FeeAuthorization>?) throws -> AccountAddress {
        let authorization: SignedMessage<FeeAuthorization>
        if let preverified, preverified.envelopeMatches(receipt.clientAuthorization) {
            authorization = preverified
        } else {
            do {
                authorization = try SignedMessage<FeeAuthorization>.verified(receipt.clientAuthorization, chainID: chainID)
            } catch {
                throw TransactionFailure.invalidField("the client's fee authorisation does not verify: \(error)")
            }
        }
        let terms = authorization.body
        guard terms.host == host else { throw TransactionFailure.notAllowed("the fee authorisation names another host") }
        guard terms.adapterHash == receipt.adapterHash else {
            throw TransactionFailure.notAllowed("the fee authorisation names another adapter")
        }
        guard receipt.fee <= terms.feeMax else { throw TransactionFailure.notAllowed("the fee exceeds the authorised maximum") }
        guard terms.expiry >= batch.time else { throw TransactionFailure.notAllowed("the fee authorisation has expired") }
        let client = authorization.signerAddress
        let key = StateKey.feeAuthorization(client, terms.authorizationID)
        guard try !state.contains(key) else { throw TransactionFailure.duplicate("the fee authorisation") }
        state.setRecord(AmountRecord(amount: receipt.fee), at: key)
        return client
    }

    /// The datanets whose contributions a receipt may credit: those its adapter was trained
    /// on (the receipt names the first), or the receipt's datanet for the base model alone.
    func creditedDatanets(of receipt: InferenceReceipt) throws -> Set<[UInt8]> {
        guard !receipt.adapterHash.isEmpty else { return [receipt.datanetID] }
        guard let adapter = try state.record(AdapterRecord.self, at: StateKey.adapter(receipt.adapterHash)) else {
            throw TransactionFailure.unknownAdapter
        }
        guard adapter.result.datanetID == receipt.datanetID else {
            throw TransactionFailure.invalidAttribution("the adapter was trained on another datanet")
        }
        return Set(adapter.result.datanets.map(\.datanetID))
    }

    /// Checks an attribution list and returns each entry's contribution: weights positive,
    /// no contribution twice, weights summing to exactly 1,000,000, every contribution
    /// accepted into one of `datanets`.
    func attributedContributions(_ entries: [AttributionEntry], datanets: Set<[UInt8]>) throws -> [ContributionRecord] {
        guard !entries.isEmpty else { return [] }
        var seen = Set<[UInt8]>()
        var sum: UInt64 = 0
        var contributions: [ContributionRecord] = []
        for entry in entries {
            guard entry.weightPPM > 0 else { throw TransactionFailure.invalidAttribution("a weight is zero") }
            guard seen.insert(entry.contributionID).inserted else {
                throw TransactionFailure.invalidAttribution("a contribution is named twice")
            }
            sum += UInt64(entry.weightPPM)
            guard let contribution = try state.record(ContributionRecord.self,
                                                      at: StateKey.contribution(entry.contributionID)) else {
                throw TransactionFailure.unknownContribution
            }
            guard datanets.contains(contribution.datanetID) else {
                throw TransactionFailure.invalidAttribution("a contribution belongs to a datanet the model was not trained on")
            }
            guard contribution.status == .accepted else {
                throw TransactionFailure.invalidAttribution("a contribution has not been accepted")
            }
            contributions.append(contribution)
        }
        guard sum == UInt64(Token.partsPerMillion) else {
            throw TransactionFailure.invalidAttribution("weights sum to \(sum), not 1000000")
        }
        return contributions
    }

    private func splitFee(_ receipt: InferenceReceipt, host: AccountAddress, contributions: [ContributionRecord],
                          subject: [UInt8]) throws {
        let fee = receipt.fee
        var paid: Amount = 0
        let hostShare = CheckedArithmetic.share(of: fee, partsPerMillion: parameters[.receiptHostShare])
        try pay(hostShare, to: host, reason: .receiptHost, subject: subject)
        paid += hostShare
        if !contributions.isEmpty {
            let contributorPool = CheckedArithmetic.share(of: fee, partsPerMillion: parameters[.receiptContributorShare])
            let curatorPool = CheckedArithmetic.share(of: fee, partsPerMillion: parameters[.receiptCuratorShare])
            for (entry, contribution) in zip(receipt.attribution, contributions) {
                let weight = Amount(entry.weightPPM)
                let contributorShare = CheckedArithmetic.share(of: contributorPool, partsPerMillion: weight)
                try pay(contributorShare, to: contribution.contributor, reason: .receiptContributor, subject: subject)
                paid += contributorShare
                let curatorShare = CheckedArithmetic.share(of: curatorPool, partsPerMillion: weight)
                paid += try payCurators(curatorShare, of: contribution, subject: subject)
            }
        }
        try state.addToTreasury(fee - paid)
        state.recordPayout(PayoutEvent(subject: subject, account: nil, reason: .receiptTreasury, amount: fee - paid))
    }

    /// Splits `amount` among the curators who voted to accept `contribution`, by weight;
    /// returns what was paid.
    private func payCurators(_ amount: Amount, of contribution: ContributionRecord, subject: [UInt8]) throws -> Amount {
        var weight: Amount = 0
        for vote in contribution.votes where vote.inFavour { weight += vote.weight }
        guard weight > 0 else { return 0 }
        var paid: Amount = 0
        for vote in contribution.votes where vote.inFavour {
            let share = CheckedArithmetic.proportion(of: amount, numerator: vote.weight, denominator: weight)
            try pay(share, to: vote.voter, reason: .receiptCurator, subject: subject)
            paid += share
        }
        return paid
    }

    /// Credits `amount` and adds it to the account's running payout total.
    func pay(_ amount: Amount, to address: AccountAddress, reason: PayoutEvent.Reason, subject: [UInt8]) throws {
        guard amount > 0 else { return }
        try state.credit(address, amount)
        try state.addAmount(amount, at: StateKey.payouts(address))
        state.recordPayout(PayoutEvent(subject: subject, account: address, reason: reason, amount: amount))
    }
}
