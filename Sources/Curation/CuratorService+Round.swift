import Foundation
import Ledger
import Node
import Wire

/// One round: which contributions to vote on, what they are compared against, the votes.
extension CuratorService {
    /// Looks at every datanet and submits the votes due; returns how many were taken.
    /// On the queue.
    @discardableResult
    func curateRound() -> Int {
        let address = runtime.identity.accountAddress
        do {
            try forgetSettledSubmissions()
            let stake = try ledger.stakes(of: address).first { $0.role == .curator }?.amount ?? 0
            guard stake > 0 else { return 0 }
            let parameters = try ledger.parameters()
            nonces.observe(ledgerNonce: try ledger.account(address).nonce)
            var round = Round(now: settings.clock(), parameters: parameters, budget: settings.votesPerRoundMax)
            for (id, datanet) in try ledger.datanets(limit: LedgerDatabase.listingCountMax) where round.budget > 0 {
                guard stake >= datanet.rules.curatorStakeMin else { continue }
                try curate(datanet: id, rules: datanet.rules, round: &round)
            }
            return round.votes
        } catch {
            runtime.log.warning("curation_round_failed", ["reason": error])
            return 0
        }
    }

    /// What a round carries from one datanet to the next.
    struct Round {
        let now: UInt64
        let parameters: LedgerParameters
        var budget: Int
        var votes = 0
    }

    /// Votes on the pending contributions of one datanet, oldest first, each compared with
    /// the accepted payloads and the pending ones before it.
    private func curate(datanet: [UInt8], rules: DatanetRules, round: inout Round) throws {
        let pending = try ledger.contributionIDs(datanet: datanet, status: .pending, limit: settings.pendingPerDatanetMax)
        guard !pending.isEmpty else { return }
        var earlier = try acceptedFingerprints(datanet: datanet)
        let records = try pending.compactMap { id in try ledger.contribution(id).map { (id, $0) } }
        let ordered = records.enumerated().sorted { ($0.element.1.windowEnd, $0.offset) < ($1.element.1.windowEnd, $1.offset) }
        for (id, record) in ordered.map(\.element) {
            if round.budget > 0, isVotable(id: id, record: record, now: round.now),
               let decision = decide(record, rules: rules, earlier: earlier) {
                if submitVote(on: id, record: record, decision: decision, round: round) {
                    round.votes += 1
                    round.budget -= 1
                }
            }
            if let fingerprint = fingerprint(of: record.contentHash) { earlier.append(fingerprint) }
        }
    }

    private func isVotable(id: [UInt8], record: ContributionRecord, now: UInt64) -> Bool {
        let address = runtime.identity.accountAddress
        let (deadline, overflow) = now.addingReportingOverflow(settings.windowMarginSeconds)
        return !overflow && deadline < record.windowEnd && record.status == .pending
            && record.contributor != address && !record.votes.contains { $0.voter == address }
            && !submitted.contains(id) && runtime.blobs.contains(record.contentHash)
    }

    /// The policy's decision on a held payload; nil when it cannot be read now.
    private func decide(_ record: ContributionRecord, rules: DatanetRules, earlier: [PayloadFingerprint]) -> CurationDecision? {
        guard let size = blobByteCount(record.contentHash) else { return nil }
        if let rejection = policy.sizeRejection(byteCount: size, declaredByteCount: record.byteCount, rules: rules) {
            return .reject(rejection)
        }
        do {
            guard let payload = try runtime.blobs.get(record.contentHash) else { return nil }
            return policy.decide(payload: payload, declaredByteCount: record.byteCount, rules: rules, earlier: earlier)
        } catch {
            runtime.log.warning("curation_payload_unreadable", ["content": Base16.encode(record.contentHash), "reason": error])
            return nil
        }
    }

    /// Signs and submits one vote; returns whether the node's mempool took it.
    private func submitVote(on id: [UInt8], record: ContributionRecord, decision: CurationDecision, round: Round) -> Bool {
        let address = runtime.identity.accountAddress
        guard let ledgerNonce = try? ledger.account(address).nonce else { return false }
        let nonce = nonces.next(ledgerNonce: ledgerNonce)
        let (expiry, overflow) = round.now.addingReportingOverflow(TransactionBuilder.expirySeconds)
        let vote = CurationVote(contributionID: id, accept: decision.accepts)
        let transaction = TransactionBuilder.signed(.curationVote(vote), nonce: nonce, fee: nil,
                                                    expiry: overflow ? .max : expiry, parameters: round.parameters,
                                                    chainID: runtime.setup.chainID, key: runtime.identity.privateKey)
        guard runtime.submit(transaction) else {
            nonces.release(nonce)
            count(accepted: nil)
            runtime.log.warning("curation_vote_refused", ["contribution": Base16.encode(id), "nonce": nonce])
            return false
        }
        submitted.insert(id)
        count(accepted: decision.accepts)
        runtime.log.info("curation_vote", [
            "contribution": Base16.encode(id), "datanet": Base16.encode(record.datanetID),
            "accept": decision.accepts, "reason": decision.reason, "nonce": nonce,
        ])
        return true
    }

    /// Drops remembered submissions whose contribution is no longer pending.
    private func forgetSettledSubmissions() throws {
        for id in submitted where try ledger.contribution(id)?.status != .pending {
            submitted.remove(id)
        }
    }
}
