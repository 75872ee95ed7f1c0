/// Datanets, contributions and their curation.
///
/// A contribution escrows its bond and is open for curation votes until its window ends.
/// Then it settles: with enough vote weight (the datanet's quorum) and more weight to
/// accept than to reject, it is accepted, its bond returns, and it joins the datanet's
/// next version; with enough weight and rejection winning (ties reject), it is rejected
/// and its bond is shared among the curators who voted to reject, by weight. Either way
/// the curators who voted against the outcome lose `curator_slash_ppm` of their vote
/// weight from their curator stake. Without quorum it lapses: the bond returns and nobody
/// is slashed.
extension LedgerStateMachine {
    func handleCreateDatanet(_ creation: CreateDatanet, _ context: TransactionContext) throws {
        let rules = creation.rules
        let window = Amount(rules.voteWindowSeconds)
        guard window >= parameters[.voteWindowMin], window <= parameters[.voteWindowMax] else {
            throw TransactionFailure.invalidField(
                "vote_window_seconds must lie in \(parameters[.voteWindowMin])...\(parameters[.voteWindowMax])")
        }
        guard rules.curatorStakeMin >= parameters[.curatorStakeMin] else {
            throw TransactionFailure.invalidField("curator_stake_min is below the governed \(parameters[.curatorStakeMin])")
        }
        guard rules.quorum > 0, rules.payloadByteCountMax > 0 else {
            throw TransactionFailure.invalidField("quorum and payload_byte_count_max must be greater than zero")
        }
        let key = StateKey.datanet(context.createdID)
        state.setRecord(DatanetRecord(owner: context.sender, creation: creation, createdTime: batch.time), at: key)
    }

    func handleContribute(_ contribution: Contribute, _ context: TransactionContext) throws {
        guard let datanet = try state.record(DatanetRecord.self, at: StateKey.datanet(contribution.datanetID)) else {
            throw TransactionFailure.unknownDatanet
        }
        guard contribution.byteCount > 0, contribution.byteCount <= datanet.rules.payloadByteCountMax else {
            throw TransactionFailure.invalidField(
                "byte_count must lie in 1...\(datanet.rules.payloadByteCountMax) for this datanet")
        }
        guard contribution.bond > 0 else {
            throw TransactionFailure.invalidField("a contribution carries a bond greater than zero")
        }
        guard contribution.bond >= datanet.rules.contributionBond else {
            throw TransactionFailure.invalidField("the bond is below the datanet's \(datanet.rules.contributionBond)")
        }
        let (windowEnd, overflow) = batch.time.addingReportingOverflow(datanet.rules.voteWindowSeconds)
        guard !overflow else { throw TransactionFailure.amountOverflow }
        try state.debit(context.sender, contribution.bond)
        let key = StateKey.contribution(context.createdID)
        state.setRecord(ContributionRecord(contributor: context.sender, contribution: contribution,
                                           windowEnd: windowEnd), at: key)
        state.schedule(ScheduledEvent(due: windowEnd, kind: .settleContribution, subject: key))
    }

    func handleCurationVote(_ vote: CurationVote, _ context: TransactionContext) throws {
        let key = StateKey.contribution(vote.contributionID)
        guard var contribution = try state.record(ContributionRecord.self, at: key) else {
            throw TransactionFailure.unknownContribution
        }
        guard contribution.status == .pending, batch.time < contribution.windowEnd else {
            throw TransactionFailure.voteOutsideWindow
        }
        guard contribution.contributor != context.sender else { throw TransactionFailure.selfVote }
        guard !contribution.votes.contains(where: { $0.voter == context.sender }) else {
            throw TransactionFailure.doubleVote
        }
        guard contribution.votes.count < ContributionRecord.votesMax else {
            throw TransactionFailure.notAllowed("the contribution already has \(ContributionRecord.votesMax) votes")
        }
        guard let datanet = try state.record(DatanetRecord.self, at: StateKey.datanet(contribution.datanetID)) else {
            throw LedgerError.corruptState("contribution of a missing datanet")
        }
        let weight = try state.stake(context.sender, .curator)
        guard weight >= datanet.rules.curatorStakeMin else { throw TransactionFailure.insufficientStake(.curator) }
        contribution.votes.append(WeightedVote(voter: context.sender, inFavour: vote.accept, weight: weight))
        state.setRecord(contribution, at: key)
    }
}
