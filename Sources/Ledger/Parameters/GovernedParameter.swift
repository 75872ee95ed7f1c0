/// A parameter that governance may change: its name, default and allowed range.
///
/// The values in effect live in the ledger state, so every peer reads the same ones;
/// genesis may set them and a passed proposal changes one after its delay.
public struct GovernedParameter: Sendable, Hashable {
    public let name: String
    public let defaultValue: Amount
    public let range: ClosedRange<Amount>
    public let summary: String

    init(_ name: String, _ defaultValue: Amount, _ range: ClosedRange<Amount>, _ summary: String) {
        precondition(range.contains(defaultValue), "the default of \(name) lies outside its range")
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.summary = summary
    }

    public static func == (left: GovernedParameter, right: GovernedParameter) -> Bool { left.name == right.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension GovernedParameter {
    static let day: Amount = 86_400
    static let ppm = Token.partsPerMillion

    public static let gasPrice = GovernedParameter("gas_price", 1_000_000_000, 0...Token.baseUnitsPerToken,
        "base units charged per unit of gas; a transaction's fee must be at least gas · gas_price")
    public static let gasPerByte = GovernedParameter("gas_per_byte", 10, 0...1_000_000,
        "gas per byte of the transaction's canonical body")
    public static let feeBurn = GovernedParameter("fee_burn_ppm", 200_000, 0...ppm,
        "share of every transaction fee that is burned; the rest goes to the batch's leader")
    public static let unbondingPeriod = GovernedParameter("unbonding_period_seconds", 7 * day, 1...(365 * day),
        "time from Unstake until the stake returns to the balance")
    public static let sequencerStakeMin = GovernedParameter("sequencer_stake_min", Token.tokens(10_000), 1...Token.supply,
        "stake needed to be in the sequencer set")
    public static let validatorStakeMin = GovernedParameter("validator_stake_min", Token.tokens(10_000), 1...Token.supply,
        "stake needed to attest batches and vote on challenges")
    public static let curatorStakeMin = GovernedParameter("curator_stake_min", Token.tokens(100), 1...Token.supply,
        "the least curator stake any datanet may ask for")
    public static let hostStakeMin = GovernedParameter("host_stake_min", Token.tokens(1_000), 1...Token.supply,
        "stake needed to list adapters and submit inference receipts")
    public static let proposalStakeMin = GovernedParameter("governance_proposal_stake_min", Token.tokens(100), 1...Token.supply,
        "stake needed to make a governance proposal")
    public static let votingPeriod = GovernedParameter("governance_voting_period_seconds", 7 * day, 60...(90 * day),
        "how long a proposal is open for votes")
    public static let governanceQuorum = GovernedParameter("governance_quorum_ppm", 250_000, 1...ppm,
        "share of all stake that must vote for a proposal to count")
    public static let governanceThreshold = GovernedParameter("governance_threshold_ppm", 500_001, 500_001...ppm,
        "share of the votes cast that must approve")
    public static let governanceDelay = GovernedParameter("governance_delay_seconds", day, 0...(30 * day),
        "time between a proposal passing and its change taking effect")
    public static let voteWindowMin = GovernedParameter("datanet_vote_window_min_seconds", 3_600, 1...(30 * day),
        "the shortest curation vote window a datanet may set")
    public static let voteWindowMax = GovernedParameter("datanet_vote_window_max_seconds", 30 * day, 1...(365 * day),
        "the longest curation vote window a datanet may set")
    public static let curatorSlash = GovernedParameter("curator_slash_ppm", 50_000, 0...ppm,
        "share of a curator's vote weight slashed when it voted against the outcome")
    public static let receiptHostShare = GovernedParameter("receipt_host_share_ppm", 400_000, 0...ppm,
        "share of an inference fee paid to the host")
    public static let receiptContributorShare = GovernedParameter("receipt_contributor_share_ppm", 400_000, 0...ppm,
        "share of an inference fee paid to the attributed contributors by weight")
    public static let receiptCuratorShare = GovernedParameter("receipt_curator_share_ppm", 100_000, 0...ppm,
        "share of an inference fee paid to the curators who accepted the attributed contributions")
    public static let challengeWindow = GovernedParameter("challenge_window_seconds", day, 60...(30 * day),
        "how long after a receipt an attribution challenge may be opened")
    public static let challengeVoteWindow = GovernedParameter("challenge_vote_window_seconds", day, 60...(30 * day),
        "how long validators may vote on a challenge")
    public static let challengeBondMin = GovernedParameter("challenge_bond_min", Token.tokens(10), 1...Token.supply,
        "the least bond an attribution challenge carries")
    public static let challengeQuorum = GovernedParameter("challenge_quorum_ppm", 334_000, 1...ppm,
        "share of validator stake that must vote on a challenge")
    public static let challengeHostSlash = GovernedParameter("challenge_host_slash_ppm", 100_000, 0...ppm,
        "share of the host's stake slashed when a challenge is upheld")
    public static let challengeReward = GovernedParameter("challenge_reward_ppm", 500_000, 0...ppm,
        "share of the slashed host stake paid to a successful challenger; the rest is burned")
    public static let attributionAudit = GovernedParameter("attribution_audit_ppm", 100_000, 0...ppm,
        "share of influence receipts that tier-2 auditors re-verify, drawn by each receipt's batch seed")
    public static let attributionAuditors = GovernedParameter("attribution_auditors", 3, 1...64,
        "validators drawn by stake to re-verify each sampled influence receipt")
    public static let equivocationSlash = GovernedParameter("equivocation_slash_ppm", 100_000, 0...ppm,
        "share of a sequencer's stake slashed for signing two batches in one slot")
    public static let slotMilliseconds = GovernedParameter("slot_milliseconds", 2_000, 100...60_000,
        "length of a sequencer slot")
    public static let batchTransactionsMax = GovernedParameter("batch_transactions_max", 10_000, 1...100_000,
        "most transactions in one batch")
    public static let batchBytesMax = GovernedParameter("batch_bytes_max", 8 << 20, 1_024...(64 << 20),
        "most bytes of transactions in one batch")
    public static let epochHeights = GovernedParameter("epoch_heights", 64, 2...(1 << 20),
        "batches per consensus epoch; the validator and leader sets change only between epochs")

    /// Gas charged per transaction kind on top of the per-byte gas.
    public static let gasByKind: [GovernedParameter] = TransactionKind.allNames.map { name in
        GovernedParameter("gas_\(name)", baseGas(forKind: name), 0...100_000_000, "base gas of a \(name) transaction")
    }

    static func baseGas(forKind name: String) -> Amount {
        switch name {
        case "transfer", "stake", "unstake", "claim_vesting": 21_000
        case "inference_receipt", "training_result", "attribution_challenge", "equivocation_evidence": 60_000
        default: 40_000
        }
    }

    /// Every governed parameter, sorted by name.
    public static let all: [GovernedParameter] = ([
        gasPrice, gasPerByte, feeBurn, unbondingPeriod, sequencerStakeMin, validatorStakeMin, curatorStakeMin,
        hostStakeMin, proposalStakeMin, votingPeriod, governanceQuorum, governanceThreshold, governanceDelay,
        voteWindowMin, voteWindowMax, curatorSlash, receiptHostShare, receiptContributorShare, receiptCuratorShare,
        challengeWindow, challengeVoteWindow, challengeBondMin, challengeQuorum, challengeHostSlash, challengeReward,
        attributionAudit, attributionAuditors, equivocationSlash, slotMilliseconds, batchTransactionsMax, batchBytesMax,
        epochHeights,
    ] + gasByKind).sorted { $0.name < $1.name }

    /// The parameter named `name`, if there is one.
    public static func named(_ name: String) -> GovernedParameter? {
        all.first { $0.name == name }
    }
}
