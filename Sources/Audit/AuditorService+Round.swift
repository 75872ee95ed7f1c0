import Foundation
import Identity
import Ledger
import Node
import Sequencer
import Wire

/// One round: read the new finalized batches, work on what waits, move the cursor.
extension AuditorService {
    /// What a round carries from one item to the next.
    struct Round {
        let now: UInt64
        let parameters: LedgerParameters
        let validatorStake: Amount
        var recomputations: Int
    }

    /// On the queue.
    func auditRound() {
        do {
            let address = runtime.identity.accountAddress
            nonces.observe(ledgerNonce: try ledger.account(address).nonce)
            let validatorStake = try ledger.stakes(of: address).first { $0.role == .validator }?.amount ?? 0
            var round = Round(now: settings.clock(), parameters: try ledger.parameters(), validatorStake: validatorStake,
                              recomputations: settings.recomputationsPerRoundMax)
            try readBatches(round)
            try work(&round)
            let oldestWaiting = pending.map(\.height).min() ?? nextHeight
            try AuditCursor.write(min(oldestWaiting, nextHeight), to: cursorPath)
        } catch {
            runtime.log.warning("audit_round_failed", ["reason": error])
        }
    }

    /// Reads the finalized batches from the cursor on and queues their receipts and challenges.
    private func readBatches(_ round: Round) throws {
        let batches = try ledger.archivedBatches(from: nextHeight, count: settings.batchesPerRoundMax)
        // The consensus epochs, read once for the round's receipts (nil when unreadable).
        let schedule = batches.isEmpty ? nil : try? ConsensusSchedule.stored(in: ledger).schedule
        for batch in batches {
            for outcome in try ledger.transactionOutcomes(height: batch.height) where outcome.status == "applied" {
                guard let sender = try? AccountAddress(bytes: outcome.sender) else { continue }
                let id = LedgerIdentifier.derive(sender: sender, nonce: outcome.nonce)
                switch outcome.kind {
                case "inference_receipt": try consider(receiptID: id, batch: batch, schedule: schedule, round: round)
                case "attribution_challenge": try consider(challengeID: id, height: batch.height, round: round)
                default: continue
                }
            }
            nextHeight = batch.height + 1
        }
    }

    /// Queues the audit of a receipt this node checks: another host's, on an adapter of this
    /// base model, span/1 always, influence/1 when sampled with this node among its auditors.
    private func consider(receiptID: [UInt8], batch: ArchivedBatch, schedule: ConsensusSchedule?, round: Round) throws {
        let address = runtime.identity.accountAddress
        guard pending.count < settings.pendingCountMax, let record = try ledger.receipt(receiptID), record.host != address,
              let tier = recomputer.tier(of: record.receipt), (try? recomputer.training(of: record.receipt, ledger: ledger)) != nil,
              AuditComparison.isBefore(windowEnd(record, round), now: round.now, marginSeconds: settings.windowMarginSeconds)
        else { return }
        if tier == .influence {
            let seed = AuditSampling.seed(batchHash: batch.hash, receiptID: receiptID)
            guard AuditSampling.isSampled(seed: seed, auditPartsPerMillion: round.parameters.integer(.attributionAudit)) else {
                return
            }
            let candidates = try auditCandidates(atHeight: batch.height, host: record.host, schedule: schedule, round: round)
            let auditors = AuditSampling.auditors(seed: seed, candidates: candidates,
                                                  count: Int(round.parameters.integer(.attributionAuditors)))
            guard auditors.contains(address) else { return }
        }
        pending.append(AuditItem(receiptID: receiptID, height: batch.height, purpose: .audit(tier)))
    }

    /// Queues a vote on a challenge when this node may vote and can recompute the receipt.
    private func consider(challengeID: [UInt8], height: UInt64, round: Round) throws {
        guard pending.count < settings.pendingCountMax, let challenge = try ledger.challenge(challengeID),
              challenge.status == .open, let record = try ledger.receipt(challenge.receiptID),
              recomputer.tier(of: record.receipt) != nil,
              (try? recomputer.training(of: record.receipt, ledger: ledger)) != nil,
              AuditComparison.mayVote(runtime.identity.accountAddress, validatorStake: round.validatorStake,
                                      stakeMin: round.parameters[.validatorStakeMin], host: record.host,
                                      challenger: challenge.challenger, voters: challenge.votes.map(\.voter))
        else { return }
        pending.append(AuditItem(receiptID: challenge.receiptID, height: height, purpose: .vote(challengeID: challengeID)))
    }

    /// The validators a receipt of the batch at `height` may draw: the consensus set of that
    /// height (its epoch's, which every peer holds alike); the ledger's current validators
    /// at `validator_stake_min` when the node no longer keeps that epoch.
    func auditCandidates(atHeight height: UInt64, host: AccountAddress, schedule: ConsensusSchedule?,
                         round: Round) throws -> [AuditSampling.Candidate] {
        if let set = schedule?.validators(forHeight: height) {
            return AuditSampling.candidates(set.members.map { ($0.address, $0.stake) }, host: host, stakeMin: 1)
        }
        return AuditSampling.candidates(try ledger.stakers(of: .validator), host: host,
                                        stakeMin: round.parameters[.validatorStakeMin])
    }

    func windowEnd(_ record: ReceiptRecord, _ round: Round) -> UInt64 {
        let (end, overflow) = record.time.addingReportingOverflow(round.parameters.integer(.challengeWindow))
        return overflow ? .max : end
    }
}
