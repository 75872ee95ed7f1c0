import Foundation
import Gossip
import IO
import Identity
import Ledger
import Sequencer
import Wire

/// Carrying out the consensus machine's actions. Loop thread.
extension NodeRuntime {
    /// Does what the machine asks, in order. The signing state and lock are on disk before
    /// the broadcasts after them leave; if they cannot be stored nothing more is sent and
    /// the node stops.
    func carry(_ actions: [ConsensusAction]) {
        guard !isStopping else { return }
        var halted = false
        for action in actions {
            switch action {
            case .persist(let state):
                halted = halted || !store(state.encoded, at: directory.signingStatePath)
            case .persistLock(let lock):
                halted = halted || !store(lock.encoded, at: directory.lockPath)
            case .broadcastProposal(let message) where !halted:
                remember(message.batch)
                publish(message.encoded, on: topics.proposals)
                log.info("proposed", ["height": message.proposal.body.height, "slot": message.proposal.body.slot,
                                      "transactions": message.batch.transactions.count,
                                      "reproposal": message.proposal.body.validSlot != nil])
            case .broadcastVote(let vote) where !halted:
                recentVotes.append(vote)
                if recentVotes.count > Self.recentVoteCountMax { recentVotes.removeFirst() }
                publish(vote.envelopeBytes, on: topics.votes)
            case .broadcastProposal, .broadcastVote:
                break
            case .committed(let batch, let certificate):
                committed(batch, certificate: certificate)
            case .evidence(let evidence):
                report(evidence)
            case .wakeUp(let at):
                scheduleWakeUp(at: at)
            }
        }
        if halted {
            fail("cannot store the signing state in \(directory.path); refusing to sign")
        } else if let failure = machine.executor.failure {
            fail(failure)
        }
    }

    private func store(_ bytes: [UInt8], at path: String) -> Bool {
        do {
            try DurableFile.write(bytes, to: path)
            return true
        } catch {
            log.error("store_failed", ["path": path, "reason": error])
            return false
        }
    }

    private func scheduleWakeUp(at time: UInt64) {
        wakeUpTimer?.cancel()
        let current = now
        let delay = time > current ? time - current : 0
        wakeUpTimer = loop.scheduleTimer(after: .milliseconds(Int64(clamping: delay))) { [unowned self] in
            carry(machine.tick(now: now))
        }
    }

    /// Keeps a proposed batch for a certificate that may arrive without it.
    func remember(_ batch: BatchMessage) {
        guard batch.header.body.height >= machine.height else { return }
        if recentBatches.count >= Self.recentBatchCountMax { recentBatches.removeAll() }
        recentBatches[batch.hash] = batch
    }

    private func committed(_ batch: BatchMessage, certificate: FinalityCertificate) {
        let header = batch.header.body
        setup.epochs.update(schedule: machine.executor.schedule, height: machine.height)
        recentBatches = recentBatches.filter { $0.value.header.body.height > header.height }
        recentVotes.removeAll { $0.body.height <= header.height }
        let live = !sync.isBusy && header.slot + 2 >= currentSlot
        if live {
            log.info("batch_committed", ["height": header.height, "transactions": batch.transactions.count,
                                         "slot": header.slot, "leader": batch.leader,
                                         "hash": Base16.encode(Array(batch.hash.prefix(8)))])
            var writer = ProtobufWriter()
            certificate.encode(to: &writer)
            publish(writer.bytes, on: topics.certificates)
        } else {
            log.debug("batch_applied", ["height": header.height, "transactions": batch.transactions.count, "slot": header.slot])
        }
        wantBlobs(of: batch)
        refreshSnapshot()
    }

    /// A leader signed two headers for one slot: the evidence goes into a transaction
    /// signed by this node (paying the least fee), into the mempool and out on gossip.
    private func report(_ evidence: EquivocationEvidence) {
        log.warning("equivocation", ["first": Base16.encode(Array(evidence.first.prefix(16)))])
        let ledger = machine.executor.ledger
        guard let parameters = try? ledger.parameters(), let account = try? ledger.account(identity.accountAddress) else { return }
        let time = setup.slotClock.batchTime(of: currentSlot)
        let transaction = TransactionBuilder.signed(
            .equivocationEvidence(evidence), nonce: account.nonce, fee: nil, expiry: time + TransactionBuilder.expirySeconds,
            parameters: parameters, chainID: setup.chainID, key: identity.privateKey)
        if admit(transaction) == .accept { publish(transaction.envelopeBytes, on: topics.transactions) }
    }

    /// Publishes on a topic; a refusal (too large, duplicate) is logged.
    func publish(_ data: [UInt8], on topic: String) {
        do {
            _ = try gossip.publish(data, topic: topic)
        } catch {
            log.warning("publish_failed", ["topic": topic, "bytes": data.count, "reason": error])
        }
    }
}
