import Foundation
import Ledger
import Node
import Wire

/// Challenges and votes, signed with the node's key and submitted through the node.
extension AuditorService {
    /// Challenges the receipt when the finding disagrees, the ledger would take the
    /// correction, the window is still open and the balance covers the bond and fee.
    func challengeIfDue(_ record: ReceiptRecord, receiptID: [UInt8], finding: AuditFinding, round: Round) {
        guard let correction = AuditComparison.correction(for: finding, receipt: record.receipt) else {
            if finding.upholdsChallenge {
                runtime.log.warning("audit_unchallengeable", ["receipt": Base16.encode(receiptID),
                                                              "reason": "no correction the ledger would take differs from the receipt"])
            }
            return
        }
        guard AuditComparison.isBefore(windowEnd(record, round), now: round.now, marginSeconds: settings.windowMarginSeconds)
        else { return }
        let bond = round.parameters[.challengeBondMin]
        let challenge = AttributionChallenge(receiptID: receiptID, correction: correction, bond: bond)
        guard submit(.attributionChallenge(challenge), bond: bond, round: round) else { return }
        count { $0.challenges += 1 }
        runtime.log.info("audit_challenge", ["receipt": Base16.encode(receiptID), "host": record.host.description,
                                             "entries": correction.count, "bond": TokenAmountText.format(bond)])
    }

    /// Votes on a challenge.
    func vote(on challengeID: [UInt8], receiptID: [UInt8], uphold: Bool, round: Round) {
        guard submit(.challengeVote(ChallengeVote(challengeID: challengeID, uphold: uphold)), bond: 0, round: round) else {
            return
        }
        count { uphold ? ($0.upholdVotes += 1) : ($0.dismissVotes += 1) }
        runtime.log.info("audit_vote", ["challenge": Base16.encode(challengeID), "receipt": Base16.encode(receiptID),
                                        "uphold": uphold])
    }

    /// Signs and submits; returns whether the mempool took it. A transaction whose fee and
    /// `bond` the balance does not cover is not sent (logged).
    private func submit(_ kind: TransactionKind, bond: Amount, round: Round) -> Bool {
        let address = runtime.identity.accountAddress
        guard let account = try? ledger.account(address) else { return false }
        let nonce = nonces.next(ledgerNonce: account.nonce)
        let (expiry, overflow) = round.now.addingReportingOverflow(TransactionBuilder.expirySeconds)
        let transaction = TransactionBuilder.signed(kind, nonce: nonce, fee: nil, expiry: overflow ? .max : expiry,
                                                    parameters: round.parameters, chainID: runtime.setup.chainID,
                                                    key: runtime.identity.privateKey)
        let (cost, costOverflow) = bond.addingReportingOverflow(transaction.body.fee)
        guard !costOverflow, account.balance >= cost else {
            nonces.release(nonce)
            count { $0.refusedSubmissions += 1 }
            runtime.log.warning("audit_balance_short", ["kind": kind.name, "needed": TokenAmountText.format(cost),
                                                        "balance": TokenAmountText.format(account.balance)])
            return false
        }
        guard runtime.submit(transaction) else {
            nonces.release(nonce)
            count { $0.refusedSubmissions += 1 }
            runtime.log.warning("audit_submission_refused", ["kind": kind.name, "nonce": nonce])
            return false
        }
        return true
    }
}
