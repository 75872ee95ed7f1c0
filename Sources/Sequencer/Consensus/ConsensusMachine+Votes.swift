import Ledger

extension ConsensusMachine {
    /// A verified vote: counted for this height, buffered for the next ones, dropped
    /// otherwise. Only the first vote of a validator per (slot, step) counts.
    mutating func handleVote(_ vote: SignedMessage<ConsensusVote>) {
        let body = vote.body
        if body.height < height {
            notePrecommitForHead(vote)
            statistics.votesStale += 1
            return
        }
        if body.height > height {
            guard body.height - height <= configuration.heightsAheadMax,
                  futureVotes.count < configuration.futureVotesMax else {
                statistics.votesDropped += 1
                return
            }
            futureVotes.append(vote)
            return
        }
        guard isInWindow(body.slot) else {
            statistics.votesDropped += 1
            return
        }
        let stake = validators.stake(of: vote.signerAddress)
        guard stake > 0 else {
            statistics.votesFromNonValidators += 1
            return
        }
        switch log.tally.add(vote, stake: stake) {
        case .duplicate: statistics.votesDuplicate += 1
        case .conflicting: statistics.votesConflicting += 1
        case .added:
            statistics.votesAccepted += 1
            noteSender(vote.signerAddress, slot: body.slot)
            if body.step == .precommit, let batchHash = body.batchHash,
               thresholds.isSupermajority(log.tally.weight(slot: body.slot, step: .precommit, batchHash: batchHash)) {
                log.quorums.insert(HeightLog.Quorum(slot: body.slot, batchHash: batchHash))
            }
        }
    }

    /// Counts `validator` as heard from in `slot`, for the round-skip rule: more than 1/3
    /// of the stake in a later round means an honest validator is already there.
    mutating func noteSender(_ validator: AccountAddress, slot: UInt64) {
        let stake = validators.stake(of: validator)
        guard stake > 0 else { return }
        let weight = log.tally.addSender(validator, stake: stake, slot: slot)
        if thresholds.exceedsOneThird(weight), slot > (log.skipTarget ?? 0) {
            log.skipTarget = slot
        }
    }

    /// A late precommit for the head's decision: its signature is remembered as verified.
    private mutating func notePrecommitForHead(_ vote: SignedMessage<ConsensusVote>) {
        guard let headPrecommits, headPrecommits.vote == vote.body else { return }
        self.headPrecommits?.signatures.insert(FinalityCertificate.Signature(signer: vote.signer, signature: vote.signature))
    }
}
