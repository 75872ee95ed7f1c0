import Ledger

extension ConsensusMachine {
    /// The leader's turn: re-propose the valid value with its polka, or a new batch.
    mutating func propose(actions: inout [ConsensusAction]) {
        guard let key else { return }
        let message: ProposalMessage
        if let valid, let batch = log.batches[valid.batchHash] {
            let polka = validPolka
            let proposal = ConsensusProposal(height: height, slot: round, batchHash: valid.batchHash, validSlot: valid.slot)
            message = ProposalMessage(proposal: SignedMessage(signing: proposal, chainID: configuration.chainID, with: key),
                                      batch: batch, polkaVotes: polka)
        } else {
            let time = configuration.slotClock.batchTime(of: round)
            guard let draft = executor.draft(height: height, slot: round, time: time) else { return }
            let header = BatchHeader(height: height, slot: round, parentHash: head.batchHash,
                                     transactionsRoot: TransactionsRoot.root(of: draft.transactions),
                                     stateRoot: draft.stateRoot, time: time)
            let batch = BatchMessage(header: SignedMessage(signing: header, chainID: configuration.chainID, with: key),
                                     transactions: draft.transactions, certificate: head.certificate)
            log.validity[batch.hash] = true
            let proposal = ConsensusProposal(height: height, slot: round, batchHash: batch.hash, validSlot: nil)
            message = ProposalMessage(proposal: SignedMessage(signing: proposal, chainID: configuration.chainID, with: key),
                                      batch: batch)
        }
        signingState.proposalSlot = round
        actions.append(.persist(signingState))
        actions.append(.broadcastProposal(message))
        acceptProposal(message, actions: &actions)
    }

    /// A proposal from the network: for this height it is checked and logged; for the next
    /// heights it is buffered, after its parent certificate decides this height if it can.
    mutating func handleProposal(_ message: ProposalMessage, now: UInt64, actions: inout [ConsensusAction]) {
        let proposalHeight = message.proposal.body.height
        if proposalHeight == height + 1, let certificate = message.batch.certificate,
           certificate.height == height, let batch = log.batches[certificate.batchHash] {
            commitCertified(batch, certificate: certificate, now: now, actions: &actions)
        }
        if proposalHeight < height {
            statistics.proposalsStale += 1
        } else if proposalHeight > height {
            guard proposalHeight - height <= configuration.heightsAheadMax,
                  futureProposals.count < configuration.futureProposalsMax else {
                statistics.proposalsDropped += 1
                return
            }
            futureProposals.append(message)
        } else {
            acceptProposal(message, actions: &actions)
        }
    }

    /// Logs a proposal for this height once it passes every check; the first from a slot's
    /// leader counts, a different second one is counted as a conflict.
    mutating func acceptProposal(_ message: ProposalMessage, actions: inout [ConsensusAction]) {
        let proposal = message.proposal.body
        guard isInWindow(proposal.slot) else {
            statistics.proposalsDropped += 1
            return
        }
        guard message.proposal.signerAddress == leader(of: proposal.slot) else {
            statistics.proposalsInvalid += 1
            return
        }
        observeHeader(message.batch.header, actions: &actions)
        let id = message.id
        if let earlier = log.proposals[proposal.slot] {
            if earlier.id == id { statistics.proposalsDuplicate += 1 } else { statistics.proposalsConflicting += 1 }
            return
        }
        if proposalFailure(message) != nil {
            statistics.proposalsInvalid += 1
            return
        }
        for vote in message.polkaVotes { handleVote(vote) }
        let hash = proposal.batchHash
        if log.batches[hash] == nil { log.batches[hash] = message.batch }
        if log.validity[hash] == nil { log.validity[hash] = executor.validate(message.batch) }
        var carriedPolkaWeight: Amount = 0
        for voter in Set(message.polkaVotes.map(\.signerAddress)) {
            carriedPolkaWeight += validators.stake(of: voter)
        }
        log.proposals[proposal.slot] = HeightLog.Proposal(id: id, batchHash: hash, validSlot: proposal.validSlot,
                                                          carriedPolkaWeight: carriedPolkaWeight)
        noteSender(message.proposal.signerAddress, slot: proposal.slot)
        statistics.proposalsAccepted += 1
    }

    /// Why a proposal for this height cannot be the round's proposal, or nil.
    func proposalFailure(_ message: ProposalMessage) -> String? {
        let proposal = message.proposal.body
        let header = message.batch.header.body
        if let validSlot = proposal.validSlot {
            guard header.slot <= validSlot else { return "a re-proposed batch is newer than its polka" }
        } else {
            guard header.slot == proposal.slot else { return "a new batch must be made in the proposal's slot" }
        }
        return batchFailure(message.batch)
    }

    /// Why `batch` cannot be the batch of this height on top of the head, by its
    /// structure, or nil; the executor judges its contents.
    func batchFailure(_ batch: BatchMessage) -> String? {
        let header = batch.header.body
        guard header.height == height else { return "height \(header.height) where \(height) is decided" }
        guard header.parentHash == head.batchHash else { return "the parent is not the head" }
        guard header.slot > head.slot else { return "slot \(header.slot) is not after the head's \(head.slot)" }
        guard header.time == configuration.slotClock.batchTime(of: header.slot) else { return "the time is not the slot's" }
        guard batch.header.signerAddress == leader(of: header.slot) else { return "not signed by the slot's leader" }
        guard TransactionsRoot.root(of: batch.transactions) == header.transactionsRoot else { return "the transactions root differs" }
        return parentCertificateFailure(batch.certificate)
    }

    /// The certificate a batch carries must decide its parent (none for the first batch),
    /// signed by the validators of the parent's height, which may be an earlier epoch's.
    private func parentCertificateFailure(_ certificate: FinalityCertificate?) -> String? {
        guard height > 1 else { return certificate == nil ? nil : "the first batch carries no certificate" }
        guard let certificate else { return "the parent's certificate is missing" }
        guard certificate.height == head.height, certificate.batchHash == head.batchHash else {
            return "the certificate is not the parent's"
        }
        guard let parentValidators = executor.schedule.validators(forHeight: head.height) else {
            return "the validators of height \(head.height) are not known"
        }
        let verified = headPrecommits.flatMap { $0.vote == certificate.vote ? $0.signatures : nil } ?? []
        return certificate.verificationFailure(validators: parentValidators, chainID: configuration.chainID,
                                               verifiedSignatures: verified)
    }

    /// Remembers the first header its leader signed for each slot; a different second one
    /// is equivocation, reported once per slot with both signed headers.
    mutating func observeHeader(_ header: SignedMessage<BatchHeader>, actions: inout [ConsensusAction]) {
        let slot = header.body.slot
        guard isInWindow(slot),
              header.signerAddress == executor.schedule.leader(height: header.body.height, slot: slot) else { return }
        guard let first = headersBySlot[slot] else {
            headersBySlot[slot] = header
            return
        }
        guard first.bodyBytes != header.bodyBytes, equivocationSlots.insert(slot).inserted else { return }
        statistics.equivocations += 1
        actions.append(.evidence(EquivocationEvidence(first: first.envelopeBytes, second: header.envelopeBytes)))
    }
}
