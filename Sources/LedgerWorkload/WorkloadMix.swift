/// How often each kind of transaction is drawn, as relative weights, and how many of the
/// transactions are made to fail in the state machine (in parts per million).
public struct WorkloadMix: Sendable, Equatable {
    /// The kinds a workload draws (one per transaction kind), in the order the weights are read.
    public enum Kind: String, Sendable, CaseIterable {
        case transfer, stake, unstake, claimVesting, propose, governanceVote
        case createDatanet, contribute, curationVote
        case registerBaseModel, trainingResult, hostListing
        case inferenceReceipt, attributionChallenge, challengeVote
        case equivocationEvidence
    }

    /// The largest weight of one kind.
    public static let weightMax = 1_000_000

    /// Relative weights by kind; a kind that is missing is never drawn.
    public private(set) var weights: [Kind: Int]
    /// Transactions drawn as failing variants, in parts per million.
    public var failurePartsPerMillion: Int {
        didSet { precondition((0...1_000_000).contains(failurePartsPerMillion), "a failure share is 0...1,000,000 ppm") }
    }

    /// A mix with the given weights (each 0...``weightMax``, at least one positive).
    public init(weights: [Kind: Int], failurePartsPerMillion: Int) {
        precondition(weights.values.allSatisfy { (0...Self.weightMax).contains($0) }, "weights are 0...\(Self.weightMax)")
        precondition(weights.values.contains { $0 > 0 }, "at least one kind needs a weight")
        precondition((0...1_000_000).contains(failurePartsPerMillion), "a failure share is 0...1,000,000 ppm")
        self.weights = weights
        self.failurePartsPerMillion = failurePartsPerMillion
    }

    /// Shaped like a busy chain: transfers, inference receipts and curation dominate;
    /// creations, proposals and evidence are rare; 5% of transactions fail.
    public static let realistic = WorkloadMix(weights: [
        .transfer: 3_000, .stake: 300, .unstake: 200, .claimVesting: 100, .propose: 20, .governanceVote: 200,
        .createDatanet: 50, .contribute: 1_000, .curationVote: 2_200,
        .registerBaseModel: 50, .trainingResult: 100, .hostListing: 100,
        .inferenceReceipt: 2_000, .attributionChallenge: 100, .challengeVote: 400,
        .equivocationEvidence: 5,
    ], failurePartsPerMillion: 50_000)

    /// Draws a kind by weight.
    func draw(using random: inout WorkloadRandom) -> Kind {
        let total = Kind.allCases.reduce(0) { $0 + (weights[$1] ?? 0) }
        var point = Int.random(in: 0..<total, using: &random)
        for kind in Kind.allCases {
            let weight = weights[kind] ?? 0
            if point < weight { return kind }
            point -= weight
        }
        preconditionFailure("the draw fell outside the weights")
    }
}
