/// Proposals to change a governed parameter, stake-weighted votes, and enactment.
///
/// A proposal is open for `governance_voting_period_seconds`. It passes when the weight
/// that voted is at least `governance_quorum_ppm` of all stake at closing, and approvals
/// are at least `governance_threshold_ppm` of that weight. A passed change takes effect
/// `governance_delay_seconds` after closing (at once when the delay is zero). Voting
/// weight is the voter's stake over every role when it votes.
extension LedgerStateMachine {
    func handlePropose(_ proposal: Propose, _ context: TransactionContext) throws {
        guard let parameter = GovernedParameter.named(proposal.parameter) else {
            throw TransactionFailure.unknownParameter(proposal.parameter)
        }
        try checkValue(proposal.value, for: parameter)
        guard try state.totalStake(context.sender) >= parameters[.proposalStakeMin] else {
            throw TransactionFailure.notAllowed("a proposal needs at least \(parameters[.proposalStakeMin]) base units of stake")
        }
        let (end, overflow) = batch.time.addingReportingOverflow(parameters.integer(.votingPeriod))
        guard !overflow else { throw TransactionFailure.amountOverflow }
        let key = StateKey.proposal(context.createdID)
        state.setRecord(ProposalRecord(proposer: context.sender, parameter: parameter.name, value: proposal.value,
                                       votingEnd: end), at: key)
        state.schedule(ScheduledEvent(due: end, kind: .closeProposal, subject: key))
    }

    func checkValue(_ value: Amount, for parameter: GovernedParameter) throws {
        guard parameter.range.contains(value) else {
            throw TransactionFailure.parameterOutOfBounds(
                "\(parameter.name) must lie in \(parameter.range.lowerBound)...\(parameter.range.upperBound)")
        }
        var changed = parameters
        changed[parameter] = value
        if let violation = changed.relationViolation() {
            throw TransactionFailure.parameterOutOfBounds(violation)
        }
    }

    func handleGovernanceVote(_ vote: GovernanceVote, _ context: TransactionContext) throws {
        let key = StateKey.proposal(vote.proposalID)
        guard var proposal = try state.record(ProposalRecord.self, at: key) else {
            throw TransactionFailure.unknownProposal
        }
        guard proposal.status == .open, batch.time < proposal.votingEnd else { throw TransactionFailure.voteOutsideWindow }
        let voteKey = StateKey.proposalVote(vote.proposalID, context.sender)
        guard try !state.contains(voteKey) else { throw TransactionFailure.doubleVote }
        let weight = try state.totalStake(context.sender)
        guard weight > 0 else { throw TransactionFailure.notAllowed("only staked accounts vote on proposals") }
        if vote.approve {
            proposal.approveWeight = try CheckedArithmetic.sum(proposal.approveWeight, weight)
        } else {
            proposal.rejectWeight = try CheckedArithmetic.sum(proposal.rejectWeight, weight)
        }
        state.setRecord(proposal, at: key)
        state.setRecord(WeightedVote(voter: context.sender, inFavour: vote.approve, weight: weight), at: voteKey)
    }

    mutating func closeProposal(at key: [UInt8]) throws {
        guard var proposal = try state.record(ProposalRecord.self, at: key), proposal.status == .open else { return }
        var allStake: Amount = 0
        for role in StakeRole.allCases { allStake = try CheckedArithmetic.sum(allStake, try state.roleTotal(role)) }
        let cast = try CheckedArithmetic.sum(proposal.approveWeight, proposal.rejectWeight)
        let passed = cast > 0 && Self.reaches(cast, partsPerMillion: parameters[.governanceQuorum], of: allStake)
            && Self.reaches(proposal.approveWeight, partsPerMillion: parameters[.governanceThreshold], of: cast)
        guard passed else {
            proposal.status = .rejected
            state.setRecord(proposal, at: key)
            return
        }
        proposal.status = .passed
        let (effective, overflow) = proposal.votingEnd.addingReportingOverflow(parameters.integer(.governanceDelay))
        proposal.effectiveTime = overflow ? UInt64.max : effective
        state.setRecord(proposal, at: key)
        if proposal.effectiveTime <= batch.time {
            try enactProposal(at: key)
        } else {
            state.schedule(ScheduledEvent(due: proposal.effectiveTime, kind: .enactProposal, subject: key))
        }
    }

    /// Whether `part` is at least `partsPerMillion` of `whole`, compared exactly
    /// (`part · 1,000,000 ≥ whole · partsPerMillion` at double width): a share rounded
    /// down would let a tie pass a threshold above one half.
    static func reaches(_ part: Amount, partsPerMillion: Amount, of whole: Amount) -> Bool {
        let left = part.multipliedFullWidth(by: Token.partsPerMillion)
        let right = whole.multipliedFullWidth(by: partsPerMillion)
        return (left.high, left.low) >= (right.high, right.low)
    }

    /// Sets the parameter, unless other changes enacted since it passed now make the value
    /// break a relation between parameters; then the proposal lapses.
    mutating func enactProposal(at key: [UInt8]) throws {
        guard var proposal = try state.record(ProposalRecord.self, at: key), proposal.status == .passed,
              let parameter = GovernedParameter.named(proposal.parameter) else { return }
        var changed = parameters
        changed[parameter] = proposal.value
        if changed.relationViolation() != nil {
            proposal.status = .lapsed
        } else {
            parameters = changed
            state.setRecord(AmountRecord(amount: proposal.value), at: StateKey.parameter(parameter.name))
            proposal.status = .enacted
        }
        state.setRecord(proposal, at: key)
    }
}
