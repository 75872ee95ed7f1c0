import Identity
import Ledger

/// Inference receipts with their clients' fee authorisations, attribution challenges and
/// the validators' votes on them.
extension WorkloadBatchBuilder {
    /// Most contributions one drawn attribution credits.
    static let attributionCountMax = 4

    /// A staked host charges a client for an answer drawing on a datanet: with attribution
    /// over its accepted contributions when it has some, and by one of its adapters half
    /// of the time.
    mutating func addReceipt() throws -> Bool {
        guard let host = element(of: accounts.hosts), try stake(host, .host) >= parameters[.hostStakeMin],
              let datanet = element(of: catalogue.datanets) else { return false }
        let client = anyAccount(except: host)
        let fee = Amount.random(in: Token.tokens(1) / 1_000...Token.tokens(1) / 10, using: &random)
        guard try reserve(fee, of: client) else { return false }
        let attribution = attribution(over: datanet.accepted.map(\.id))
        let adapter = random.chance(partsPerMillion: 500_000) ? element(of: datanet.adapters) ?? [] : []
        let receipt = receipt(host: host, client: client, datanetID: datanet.id, adapter: adapter,
                              attribution: attribution, fee: fee)
        return try sign(.inferenceReceipt(receipt), from: host)
    }

    /// A receipt for `fee`, with the client's authorisation of up to a little more.
    mutating func receipt(host: Int, client: Int, datanetID: [UInt8], adapter: [UInt8],
                          attribution: [AttributionEntry], fee: Amount) -> InferenceReceipt {
        let terms = FeeAuthorization(host: accounts.addresses[host], adapterHash: adapter,
                                     feeMax: fee + Amount.random(in: 0...fee, using: &random), authorizationID: hash(),
                                     expiry: time + Self.expirySeconds)
        let authorization = SignedMessage(signing: terms, chainID: chainID, with: accounts.keys[client])
        return InferenceReceipt(
            clientAuthorization: authorization.envelopeBytes, datanetID: datanetID, adapterHash: adapter,
            promptHash: hash(), outputHash: hash(), tokensIn: UInt64.random(in: 1...4_096, using: &random),
            tokensOut: UInt64.random(in: 1...4_096, using: &random), fee: fee,
            method: random.chance(partsPerMillion: 700_000) ? "span/1" : "influence/1",
            attribution: attribution, attributionRoot: random.chance(partsPerMillion: 500_000) ? hash() : [])
    }

    /// Up to ``attributionCountMax`` of `contributions`, with positive weights summing to
    /// 1,000,000 ppm; empty when there are none.
    mutating func attribution(over contributions: [[UInt8]]) -> [AttributionEntry] {
        guard !contributions.isEmpty else { return [] }
        let count = Int.random(in: 1...min(Self.attributionCountMax, contributions.count), using: &random)
        let chosen = contributions.shuffled(using: &random).prefix(count)
        let shares = chosen.map { _ in UInt64.random(in: 1...1_000, using: &random) }
        let total = shares.reduce(0, +)
        var weights = shares.map { UInt32($0 * 1_000_000 / total) }
        weights[0] += 1_000_000 - weights.reduce(0, +)
        return zip(chosen, weights).map { AttributionEntry(contributionID: $0, weightPPM: $1) }
    }

    /// Someone other than the host challenges a recent, unchallenged receipt with another
    /// valid attribution over the same datanet.
    mutating func addChallenge() throws -> Bool {
        guard let receipt = element(of: challengeableReceipts),
              let host = accounts.index(of: receipt.host) else { return false }
        let accepted = catalogue.datanets[receipt.datanet].accepted.map(\.id)
        let correction = attribution(over: accepted)
        let challenger = anyAccount(except: host)
        let bond = parameters[.challengeBondMin] + Amount.random(in: 0...Token.tokens(10), using: &random)
        guard !correction.isEmpty, correction != receipt.attribution,
              try ledger.receipt(receipt.id)?.challengeID.isEmpty == true,
              markDone(Array("challenge".utf8), receipt.id) else { return false }
        let challenge = AttributionChallenge(receiptID: receipt.id, correction: correction, bond: bond)
        return try sign(.attributionChallenge(challenge), from: challenger, debit: bond)
    }

    /// A validator that is neither the challenger nor the host votes on an open challenge.
    mutating func addChallengeVote() throws -> Bool {
        guard let open = element(of: openChallenges), let voter = element(of: accounts.validators),
              let challenge = try ledger.challenge(open.id), challenge.status == .open,
              challenge.votes.count < ChallengeRecord.votesMax,
              let receipt = try ledger.receipt(challenge.receiptID) else { return false }
        let address = accounts.addresses[voter]
        guard address != challenge.challenger, address != receipt.host,
              !challenge.votes.contains(where: { $0.voter == address }),
              try stake(voter, .validator) >= parameters[.validatorStakeMin],
              markDone(open.id, address.bytes) else { return false }
        let vote = ChallengeVote(challengeID: open.id, uphold: random.chance(partsPerMillion: 500_000))
        return try sign(.challengeVote(vote), from: voter)
    }
}
