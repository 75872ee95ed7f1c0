import Ledger

extension ConsensusMachine {
    /// Rule 49: a precommit quorum for a batch this node holds and finds valid decides the
    /// height; the quorum's signatures are the certificate.
    mutating func decideIfQuorum(now: UInt64, actions: inout [ConsensusAction]) -> Bool {
        for quorum in log.quorums.sorted(by: { $0.slot < $1.slot }) {
            guard let batch = log.batches[quorum.batchHash], log.validity[quorum.batchHash] == true else { continue }
            let vote = ConsensusVote(step: .precommit, height: height, slot: quorum.slot, batchHash: quorum.batchHash)
            let signatures = log.tally.votes(slot: quorum.slot, step: .precommit, batchHash: quorum.batchHash)
                .map { FinalityCertificate.Signature(signer: $0.signer, signature: $0.signature) }
            decide(batch, certificate: FinalityCertificate(vote: vote, signatures: signatures), now: now, actions: &actions)
            return true
        }
        return false
    }

    /// Commits a batch for this height on the strength of its certificate, after the same
    /// checks a proposed batch gets.
    mutating func commitCertified(_ batch: BatchMessage, certificate: FinalityCertificate, now: UInt64,
                                  actions: inout [ConsensusAction]) {
        observeHeader(batch.header, actions: &actions)
        let hash = batch.hash
        let verified = Set(log.tally.votes(slot: certificate.slot, step: .precommit, batchHash: hash)
            .map { FinalityCertificate.Signature(signer: $0.signer, signature: $0.signature) })
        guard certificate.height == height, certificate.batchHash == hash, batchFailure(batch) == nil,
              certificate.verificationFailure(validators: validators, chainID: configuration.chainID,
                                              verifiedSignatures: verified) == nil else {
            statistics.certificatesRejected += 1
            return
        }
        if log.validity[hash] == nil { log.validity[hash] = executor.validate(batch) }
        guard log.validity[hash] == true else {
            statistics.certificatesRejected += 1
            return
        }
        statistics.heightsCommittedFromCertificates += 1
        decide(batch, certificate: certificate, now: now, actions: &actions)
    }

    /// Applies the decision and moves to the next height, whose first round is the slot
    /// after the decision's; buffered messages for it are replayed.
    mutating func decide(_ batch: BatchMessage, certificate: FinalityCertificate, now: UInt64,
                         actions: inout [ConsensusAction]) {
        executor.commit(batch, certificate: certificate)
        head = executor.head
        precondition(head.height == height && head.batchHash == batch.hash, "the executor must commit the decided batch")
        actions.append(.committed(batch, certificate))
        statistics.heightsCommitted += 1
        headPrecommits = (certificate.vote, Set(certificate.signatures))
        height += 1
        takeEpoch()
        log = HeightLog()
        locked = nil
        valid = nil
        validPolka = []
        step = .waiting
        round = head.decisionSlot + 1
        proposeDeadline = nil
        prevoteDeadline = nil
        startRoundIfDue(now: now, actions: &actions)
        replayBuffered(now: now, actions: &actions)
    }

    /// Hands buffered proposals and votes for the new height to the machine again; those
    /// for later heights stay buffered.
    private mutating func replayBuffered(now: UInt64, actions: inout [ConsensusAction]) {
        let votes = futureVotes
        let proposals = futureProposals
        futureVotes = []
        futureProposals = []
        for vote in votes where vote.body.height >= height { handleVote(vote) }
        for proposal in proposals where proposal.proposal.body.height >= height {
            handleProposal(proposal, now: now, actions: &actions)
        }
    }
}
