import Gossip
import Identity
import Ledger
import Network
import Sequencer
import Sodium
import Wire

/// Gossip validators and deliveries. A message that fails decoding or a signature is
/// rejected (the router penalises its senders, P4); one that is merely stale or already
/// known, or whose height lies in an epoch this node does not hold (too far ahead, or
/// forgotten), is ignored. Proposals, votes and certificates are checked against the sets
/// of their own height. Loop thread, except the proposal validator (worker pool);
/// transactions are validated in slices between the loop's other work, so that a flood of
/// them does not hold up consensus (`GossipNode.setSlicedValidator`).
extension NodeRuntime {
    func installValidators() {
        gossip.setSlicedValidator({ [unowned self] message in validateTransaction(message) }, for: topics.transactions)
        let chainID = setup.chainID
        let setup = self.setup
        let decoded = decodedProposals
        let verified = verifiedTransactions
        gossip.setWorkerValidator({ message in
            guard let proposal = try? ProposalMessage.decode(message.data ?? [], chainID: chainID, knownValid: verified) else {
                return .reject
            }
            let body = proposal.proposal.body
            guard let leader = setup.leader(height: body.height, slot: body.slot) else { return .ignore }
            guard proposal.proposal.signerAddress == leader else { return .reject }
            decoded.store(proposal, for: GossipMessageIDFunction.authorAndSequence.messageID(for: message))
            return .accept
        }, for: topics.proposals)
        gossip.setValidator({ message in
            guard let vote = try? SignedMessage<ConsensusVote>.verified(message.data ?? [], chainID: chainID) else { return .reject }
            guard let validators = setup.validators(forHeight: vote.body.height) else { return .ignore }
            return validators.stake(of: vote.signerAddress) > 0 ? .accept : .reject
        }, for: topics.votes)
        gossip.setValidator({ message in
            guard let certificate = Self.certificate(message.data ?? []) else { return .reject }
            guard let validators = setup.validators(forHeight: certificate.height) else { return .ignore }
            return certificate.verificationFailure(validators: validators, chainID: chainID) == nil ? .accept : .reject
        }, for: topics.certificates)
    }

    static func certificate(_ bytes: [UInt8]) -> FinalityCertificate? {
        guard bytes.count <= SyncEntry.certificateByteCountMax,
              var reader = try? ProtobufReader(bytes, limits: .standard, strictness: .canonical) else { return nil }
        return try? FinalityCertificate(from: &reader)
    }

    private func validateTransaction(_ message: GossipMessage) -> GossipValidationResult {
        guard !isStopping else { return .ignore }
        let data = message.data ?? []
        guard let transaction = try? SignedTransaction.verified(data, chainID: setup.chainID) else { return .reject }
        verifiedTransactions.insert(BLAKE2b256.hash(data))
        return admit(transaction)
    }

    /// The ledger's inclusion check, then the mempool (with the minimum fee of the
    /// parameters read at start, so that queued transactions pay it too): invalid envelopes
    /// and fees below the minimum are rejected; used nonces, expired transactions, fees the balance does not
    /// cover yet and transactions the pool already holds or cannot take are ignored. While
    /// the node catches up, a fee its old state does not cover is held and passed on
    /// (`TransactionAdmission`).
    func admit(_ transaction: SignedTransaction) -> GossipValidationResult {
        let ledger = machine.executor.ledger
        let time = setup.slotClock.batchTime(of: currentSlot)
        let accountNonce: UInt64
        do {
            let rejection = try ledger.inclusionCheck(transaction, at: time)
            switch TransactionAdmission.decide(rejection, nonce: transaction.body.nonce, catchingUp: isCatchingUp) {
            case .pool(let nonce): accountNonce = nonce
            case .reject: return .reject
            case .ignore: return .ignore
            case .hold: return sync.hold(transaction) ? .accept : .ignore
            }
        } catch {
            return .ignore
        }
        let minimumFee = TransactionBuilder.minimumFee(of: transaction.body, parameters: setup.parameters)
        switch pool.mempool.add(transaction, accountNonce: accountNonce, minimumFee: minimumFee, time: time) {
        case .added, .replaced: return .accept
        case .refused(.feeTooLow): return .reject
        case .refused: return .ignore
        }
    }

    /// Whether the node is behind its peers: a sync request or its batches are in flight,
    /// or it has peers and has not yet heard from one that it has everything.
    var isCatchingUp: Bool { sync.isBusy || (sync.wanted && !connections.isEmpty) }

    /// Offers the transactions held while catching up to the pool again (they were passed
    /// on to peers when they arrived).
    func admitHeldTransactions() {
        let held = sync.takeHeld()
        guard !held.isEmpty else { return }
        let pooled = held.filter { admit($0) == .accept }.count
        log.info("held_transactions_admitted", ["held": held.count, "pooled": pooled])
    }

    /// A validated message, on the loop thread.
    func deliver(_ message: GossipMessage, id: GossipMessageID) {
        guard !isStopping else { return }
        let author = message.from.flatMap { try? PeerID(bytes: $0) }
        let data = message.data ?? []
        switch message.topic {
        case topics.proposals:
            guard let proposal = decodedProposals.take(id) ?? (try? ProposalMessage.decode(data, chainID: setup.chainID)) else { return }
            receive(proposal, from: author)
        case topics.votes:
            guard let vote = try? SignedMessage<ConsensusVote>.verified(data, chainID: setup.chainID) else { return }
            receive(vote, from: author)
        case topics.certificates:
            guard let certificate = Self.certificate(data) else { return }
            receive(certificate, from: author)
        default:
            break
        }
    }

    private func receive(_ proposal: ProposalMessage, from author: PeerID?) {
        remember(proposal.batch)
        let height = proposal.proposal.body.height
        if height > machine.height + 1 { requestSync(preferring: author, reason: "proposal for height \(height)") }
        let invalidBefore = machine.statistics.proposalsInvalid
        carry(machine.receiveProposal(proposal, now: now))
        if machine.statistics.proposalsInvalid > invalidBefore {
            log.warning("proposal_invalid", ["height": height, "slot": proposal.proposal.body.slot,
                                             "leader": proposal.proposal.signerAddress,
                                             "transactions": proposal.batch.transactions.count])
        }
    }

    /// Besides counting the vote: a peer still voting on a height this node decided gets
    /// the head's certificate (once a slot); a vote on a later height starts a sync.
    private func receive(_ vote: SignedMessage<ConsensusVote>, from author: PeerID?) {
        carry(machine.receiveVote(vote, now: now))
        let body = vote.body
        let head = machine.executor.head
        if body.height < machine.height, body.slot > head.decisionSlot, decisionHandedInSlot != currentSlot,
           let certificate = head.certificate {
            decisionHandedInSlot = currentSlot
            var writer = ProtobufWriter()
            certificate.encode(to: &writer)
            publish(writer.bytes, on: topics.certificates)
        } else if body.height > machine.height, body.slot >= machine.round {
            requestSync(preferring: author, reason: "vote for height \(body.height)")
        }
    }

    private func receive(_ certificate: FinalityCertificate, from author: PeerID?) {
        if certificate.height == machine.height, let batch = recentBatches[certificate.batchHash] {
            carry(machine.receiveCertificate(batch, certificate: certificate, now: now))
        } else if certificate.height >= machine.height {
            requestSync(preferring: author, reason: "certificate for height \(certificate.height)")
        }
    }
}
