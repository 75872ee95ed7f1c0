import LoRATraining
import ModelFactory
import Sodium

/// What a host keeps per adapter and calls per answer (and a validator calls to recompute):
/// the prepared gradient store(s) with the adapter's parameters, and the method's parameters.
///
///     let store = try InfluenceStore(GradientStore(decoding: bytes), layout: layout)
///     let attributor = try InfluenceAttributor(checkpoints: [InfluenceCheckpoint(store: store, parameters: θ)])
///     let engine = try LoRAGradientEngine(model: model, layout: layout,
///                                         sequenceLengthMaximum: attributor.parameters.sequenceTokenCountMax)
///     let result = try attributor.attribute(InfluenceQuery(promptTokens: p, outputTokens: o), objective: engine)
///     // result.method, result.attributionRoot, result.weights → the receipt
public struct InfluenceAttributor: Sendable {
    /// The method's parameters.
    public let parameters: InfluenceParameters
    /// The checkpoints, by ascending step: one for DataInf, one or more for TracIn.
    public let checkpoints: [InfluenceCheckpoint]
    /// The receipt's attribution root: the store's Merkle root (DataInf), or SHA-256 of the
    /// stores' roots in step order (TracIn).
    public let attributionRoot: [UInt8]

    /// An attributor. Throws `.invalidCheckpoints` unless DataInf has exactly one checkpoint
    /// and TracIn at least one, at distinct steps.
    public init(checkpoints: [InfluenceCheckpoint], parameters: InfluenceParameters = .version1) throws(InfluenceError) {
        let sorted = checkpoints.sorted { $0.store.store.step < $1.store.store.step }
        switch parameters.estimator {
        case .dataInf:
            guard sorted.count == 1 else {
                throw InfluenceError(.invalidCheckpoints, "DataInf scores one gradient store (the last step's with the "
                                     + "final adapter); \(sorted.count) were given")
            }
        case .tracIn:
            let steps = sorted.map(\.store.store.step)
            guard !sorted.isEmpty, Set(steps).count == steps.count else {
                throw InfluenceError(.invalidCheckpoints, "TracIn needs one or more stores of distinct steps; got steps "
                                     + "\(steps)")
            }
        }
        self.parameters = parameters
        self.checkpoints = sorted
        attributionRoot = sorted.count == 1 && parameters.estimator == .dataInf ? sorted[0].store.root
            : SHA256.hash(sorted.flatMap(\.store.root))
    }

    /// The query gradient at each checkpoint's parameters, projected with its store's projection.
    public func queryGradients(_ query: InfluenceQuery, objective: any TrainingObjective) throws(InfluenceError)
        -> [QuantizedGradient] {
        var gradients: [QuantizedGradient] = []
        for checkpoint in checkpoints {
            gradients.append(try QueryGradient.projected(query, parameters: checkpoint.parameters, objective: objective,
                                                         projection: checkpoint.store.store.projection,
                                                         influenceParameters: parameters))
        }
        return gradients
    }

    /// The attribution of `query`'s output. `objective` is the gradient engine for the base
    /// model and the adapter's layout; `representatives` maps a content hash to its
    /// near-duplicate cluster's earliest member (absent: the document stands alone).
    public func attribute(_ query: InfluenceQuery, objective: any TrainingObjective,
                          representatives: [[UInt8]: [UInt8]] = [:]) throws(InfluenceError) -> InfluenceResult {
        try attribute(queryGradients: queryGradients(query, objective: objective), representatives: representatives)
    }

    /// The attribution from already computed query gradients, one per checkpoint.
    public func attribute(queryGradients: [QuantizedGradient],
                          representatives: [[UInt8]: [UInt8]] = [:]) throws(InfluenceError) -> InfluenceResult {
        guard queryGradients.count == checkpoints.count else {
            throw InfluenceError(.dimensionMismatch, "\(queryGradients.count) query gradients for \(checkpoints.count) "
                                 + "checkpoints")
        }
        let exampleScores: [Double]
        switch parameters.estimator {
        case .dataInf:
            exampleScores = try DataInfScoring.scores(of: queryGradients[0], in: checkpoints[0].store,
                                                      dampingScale: parameters.dampingScale)
        case .tracIn:
            exampleScores = try TracInScoring.scores(Array(zip(checkpoints.map(\.store), queryGradients)))
        }
        let scores = InfluenceCredit.contributionScores(exampleScores: exampleScores,
                                                        contentHashes: checkpoints[0].store.contentHashes,
                                                        representatives: representatives)
        return InfluenceResult(method: parameters.method, attributionRoot: attributionRoot,
                               weights: InfluenceCredit.weights(for: scores,
                                                                contributionCountMax: parameters.contributionCountMax),
                               contributionScores: scores, exampleScores: exampleScores)
    }
}
