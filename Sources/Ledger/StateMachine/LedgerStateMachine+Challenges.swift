/// Attribution challenges and their settlement by validator votes.
///
/// Within `challenge_window_seconds` of a receipt, anyone but its host may challenge it
/// once, with a bond and the attribution it claims is right. Validators (stake at least
/// `validator_stake_min`, not the host or challenger) vote for `challenge_vote_window_seconds`.
/// With at least `challenge_quorum_ppm` of all validator stake voting: if more weight
/// upholds, the host loses `challenge_host_slash_ppm` of its host stake, the challenger
/// gets `challenge_reward_ppm` of that and its bond back, and the rest is burned;
/// otherwise the bond is forfeit to the treasury. Without quorum the bond returns.
extension LedgerStateMachine {
    func handleAttributionChallenge(_ challenge: AttributionChallenge, _ context: TransactionContext) throws {
        let receiptKey = StateKey.receipt(challenge.receiptID)
        guard var receipt = try state.record(ReceiptRecord.self, at: receiptKey) else {
            throw TransactionFailure.unknownReceipt
        }
        let (windowEnd, _) = receipt.time.addingReportingOverflow(parameters.integer(.challengeWindow))
        guard batch.time < windowEnd else { throw TransactionFailure.notAllowed("the challenge window has closed") }
        guard receipt.challengeID.isEmpty else { throw TransactionFailure.duplicate("a challenge of this receipt") }
        guard receipt.host != context.sender else { throw TransactionFailure.selfVote }
        guard challenge.bond >= parameters[.challengeBondMin] else {
            throw TransactionFailure.invalidField("the bond is below challenge_bond_min")
        }
        _ = try attributedContributions(challenge.correction, datanets: try creditedDatanets(of: receipt.receipt))
        guard challenge.correction != receipt.receipt.attribution else {
            throw TransactionFailure.invalidAttribution("the correction equals the receipt's attribution")
        }
        try state.debit(context.sender, challenge.bond)
        let (voteEnd, overflow) = batch.time.addingReportingOverflow(parameters.integer(.challengeVoteWindow))
        guard !overflow else { throw TransactionFailure.amountOverflow }
        let key = StateKey.challenge(context.createdID)
        state.setRecord(ChallengeRecord(receiptID: challenge.receiptID, challenger: context.sender,
                                        correction: challenge.correction, bond: challenge.bond, voteEnd: voteEnd), at: key)
        receipt.challengeID = context.createdID
        state.setRecord(receipt, at: receiptKey)
        state.schedule(ScheduledEvent(due: voteEnd, kind: .settleChallenge, subject: key))
    }

    func handleChallengeVote(_ vote: ChallengeVote, _ context: TransactionContext) throws {
        let key = StateKey.challenge(vote.challengeID)
        guard var challenge = try state.record(ChallengeRecord.self, at: key) else {
            throw TransactionFailure.unknownChallenge
        }
        guard challenge.status == .open, batch.time < challenge.voteEnd else { throw TransactionFailure.voteOutsideWindow }
        guard let receipt = try state.record(ReceiptRecord.self, at: StateKey.receipt(challenge.receiptID)) else {
            throw LedgerError.corruptState("challenge of a missing receipt")
        }
        guard context.sender != challenge.challenger, context.sender != receipt.host else {
            throw TransactionFailure.selfVote
        }
        guard !challenge.votes.contains(where: { $0.voter == context.sender }) else { throw TransactionFailure.doubleVote }
        guard challenge.votes.count < ChallengeRecord.votesMax else {
            throw TransactionFailure.notAllowed("the challenge already has \(ChallengeRecord.votesMax) votes")
        }
        let weight = try state.stake(context.sender, .validator)
        guard weight >= parameters[.validatorStakeMin] else { throw TransactionFailure.insufficientStake(.validator) }
        challenge.votes.append(WeightedVote(voter: context.sender, inFavour: vote.uphold, weight: weight))
        state.setRecord(challenge, at: key)
    }

    func settleChallenge(at key: [UInt8]) throws {
        guard var challenge = try state.record(ChallengeRecord.self, at: key), challenge.status == .open else { return }
        guard let receipt = try state.record(ReceiptRecord.self, at: StateKey.receipt(challenge.receiptID)) else {
            throw LedgerError.corruptState("challenge of a missing receipt")
        }
        var (uphold, dismiss) = (Amount(0), Amount(0))
        for vote in challenge.votes {
            if vote.inFavour { uphold += vote.weight } else { dismiss += vote.weight }
        }
        let validatorStake = try state.roleTotal(.validator)
        let subject = Array(key.dropFirst())
        if uphold + dismiss == 0
            || !Self.reaches(uphold + dismiss, partsPerMillion: parameters[.challengeQuorum], of: validatorStake) {
            challenge.status = .lapsed
            try state.credit(challenge.challenger, challenge.bond)
        } else if uphold > dismiss {
            challenge.status = .upheld
            let slashed = try state.slashStake(receipt.host, .host, partsPerMillion: parameters[.challengeHostSlash])
            let reward = CheckedArithmetic.share(of: slashed, partsPerMillion: parameters[.challengeReward])
            try state.burn(slashed - reward)
            state.recordPayout(PayoutEvent(subject: subject, account: receipt.host, reason: .hostSlash, amount: slashed))
            try state.credit(challenge.challenger, challenge.bond)
            try pay(reward, to: challenge.challenger, reason: .challengeReward, subject: subject)
        } else {
            challenge.status = .dismissed
            try state.addToTreasury(challenge.bond)
            state.recordPayout(PayoutEvent(subject: subject, account: challenge.challenger,
                                           reason: .challengeBondForfeit, amount: challenge.bond))
        }
        state.setRecord(challenge, at: key)
    }
}
