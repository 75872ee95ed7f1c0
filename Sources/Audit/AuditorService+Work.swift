import Foundation
import Ledger
import Node
import Wire

/// Working on what waits: the finding of each receipt, then its challenge or vote.
extension AuditorService {
    /// What became of an item this round.
    enum Progress {
        case done
        case waiting
    }

    /// Works on the waiting items in order; keeps those still waiting.
    func work(_ round: inout Round) throws {
        var kept: [AuditItem] = []
        for item in pending {
            if try progress(item, round: &round) == .waiting { kept.append(item) }
        }
        pending = kept
    }

    private func progress(_ item: AuditItem, round: inout Round) throws -> Progress {
        guard let record = try ledger.receipt(item.receiptID) else { return .done }
        switch item.purpose {
        case .audit:
            guard record.challengeID.isEmpty else { return .done }  // its challenge brings a vote item
            guard let finding = try finding(for: item, record: record, round: &round) else {
                return isGivenUp(record, round) ? .done : .waiting
            }
            challengeIfDue(record, receiptID: item.receiptID, finding: finding, round: round)
            return .done
        case .vote(let challengeID):
            guard let challenge = try ledger.challenge(challengeID), challenge.status == .open,
                  AuditComparison.isBefore(challenge.voteEnd, now: round.now, marginSeconds: settings.windowMarginSeconds),
                  AuditComparison.mayVote(runtime.identity.accountAddress, validatorStake: round.validatorStake,
                                          stakeMin: round.parameters[.validatorStakeMin], host: record.host,
                                          challenger: challenge.challenger, voters: challenge.votes.map(\.voter))
            else { return .done }
            guard let finding = try finding(for: item, record: record, round: &round) else { return .waiting }
            vote(on: challengeID, receiptID: item.receiptID, uphold: finding.upholdsChallenge, round: round)
            return .done
        }
    }

    /// An audit that cannot be finished before the challenge window closes is dropped.
    private func isGivenUp(_ record: ReceiptRecord, _ round: Round) -> Bool {
        !AuditComparison.isBefore(windowEnd(record, round), now: round.now, marginSeconds: settings.windowMarginSeconds)
    }

    /// The finding on the item's receipt: remembered, or recomputed from the reveal, or a
    /// missing reveal after the grace period; nil while something is still on its way.
    private func finding(for item: AuditItem, record: ReceiptRecord, round: inout Round) throws -> AuditFinding? {
        if let known = findings[item.receiptID] { return known }
        guard round.recomputations > 0 else { return nil }
        let receipt = record.receipt
        let finding: AuditFinding
        if let reveal = try Reveal.read(receipt, from: runtime.blobs) {
            guard let recomputed = recompute(receipt, reveal: reveal, receiptID: item.receiptID, round: &round) else {
                return nil
            }
            finding = recomputed
        } else {
            let deadline = AuditComparison.revealDeadline(receiptTime: record.time, graceSeconds: settings.revealGraceSeconds,
                                                          challengeWindowSeconds: round.parameters.integer(.challengeWindow))
            guard round.now >= deadline else {
                fetch(Reveal.missing(receipt, in: runtime.blobs))
                return nil
            }
            finding = .revealMissing
            count { $0.missingReveals += 1 }
        }
        remember(finding, for: item.receiptID, record: record)
        return finding
    }

    /// Recomputes with the recomputer; nil while blobs are missing (they are asked for) or
    /// when the receipt cannot be checked.
    private func recompute(_ receipt: InferenceReceipt, reveal: Reveal, receiptID: [UInt8], round: inout Round) -> AuditFinding? {
        do {
            let training = try recomputer.training(of: receipt, ledger: ledger)
            defer { round.recomputations -= 1 }
            switch recomputer.tier(of: receipt) {
            case .span?:
                let finding = try recomputer.span(receipt, training: training, reveal: reveal, ledger: ledger)
                count { $0.spanChecks += 1 }
                return finding
            case .influence?:
                let finding = try recomputer.influence(receipt, training: training, reveal: reveal, ledger: ledger)
                count { $0.influenceChecks += 1 }
                return finding
            case nil:
                return nil
            }
        } catch let error as AuditError {
            if case .blobsMissing(let blobs) = error.kind { fetch(blobs) }
            runtime.log.debug("audit_waiting", ["receipt": Base16.encode(receiptID), "reason": error])
            return nil
        } catch {
            runtime.log.warning("audit_failed", ["receipt": Base16.encode(receiptID), "reason": error])
            return nil
        }
    }

    private func fetch(_ blobs: [AuditError.MissingBlob]) {
        for blob in blobs { runtime.fetchBlob(blob.hash, byteCountMax: blob.byteCountMax) }
    }

    /// Keeps the finding for later votes, counts it and logs the verdict.
    private func remember(_ finding: AuditFinding, for receiptID: [UInt8], record: ReceiptRecord) {
        if findings.count >= settings.findingCacheCountMax { findings.removeAll() }
        findings[receiptID] = finding
        switch finding {
        case .agrees: count { $0.agreements += 1 }
        case .differs: count { $0.disagreements += 1 }
        case .revealMissing: break
        }
        let tier = recomputer.tier(of: record.receipt)?.rawValue ?? "none"
        runtime.log.info("audit_verdict", [
            "receipt": Base16.encode(receiptID), "host": record.host.description, "method": record.receipt.method,
            "tier": tier, "verdict": finding.verdict, "detail": finding.description,
        ])
    }
}
