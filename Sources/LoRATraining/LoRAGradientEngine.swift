import OpenLoRA
import Tensor

/// The LoRA `TrainingObjective` over a `LlamaModel`: a training forward pass over a whole
/// sequence (positions 0..<n, causal attention, no key-value cache) that keeps the
/// activations the backward pass needs, the summed cross-entropy of the target tokens, and
/// the backward pass to every LoRA factor of the layout. The base model stays frozen: its
/// weights (quantized or not) are only read, the forward products through the backend and the
/// transposed products a tile of expanded rows at a time.
///
/// Each targeted projection computes y = Wx + s·B(A·dropout(x)) as PEFT does: dropout on the
/// LoRA branch's input only, inverted (kept values scaled by 1/(1 − p)), seeded per call.
/// Parameters and gradients are in `LoRAParameterLayout`'s order (Hugging Face rows); on an
/// interleaved-RoPE (GGUF) base, B's q/k rows are permuted to the model's order inside.
///
/// Every buffer is allocated once, for `sequenceLengthMaximum` tokens: an engine holds the
/// activations of that many tokens for every block (see `byteCount`). An engine is used by one
/// thread at a time (it is not Sendable); make one per training thread. Results are
/// deterministic: the same inputs give the same bits on the same build and thread counts.
public final class LoRAGradientEngine: TrainingObjective {
    /// Bounds on what an engine allocates.
    public enum Limits {
        /// The longest sequence an engine may be made for (two [N, N] Float buffers are kept).
        public static let sequenceLengthMaximum = 16_384
        /// Rows of logits the output head computes at once ([rows, vocabulary] Floats).
        public static let logitsRowCapacity = 128
        /// Floats in the tile a quantized base matrix is expanded into for a transposed product.
        public static let tileElementCount = 1 << 20
    }

    /// The frozen base model.
    public let model: LlamaModel
    /// Where the factors sit in the parameter vector.
    public let layout: LoRAParameterLayout
    /// The dropout probability of the LoRA branches in `accumulateGradient`.
    public let dropout: Double
    /// The most tokens a sequence may have.
    public let sequenceLengthMaximum: Int

    let shape: TrainingShape
    let layers: [LayerActivations]
    let scratch: TrainingScratch
    let rotary: RotaryTable
    let transposedProduct: TransposedProduct
    /// Per segment of the layout: a buffer for B in the model's row order, where it differs.
    let permutedFactors: [UnsafeMutableBufferPointer<Float>?]
    private let pool: BufferPool

    /// An engine for `layout`'s adapter on `model`. Throws `.incompatibleLayout` when the layout
    /// was made for a base of other dimensions, `.invalidSetting` when `dropout` is outside
    /// [0, 1) or `sequenceLengthMaximum` outside 1...min(context length, the limit).
    public init(model: LlamaModel, layout: LoRAParameterLayout, dropout: Double = 0, sequenceLengthMaximum: Int)
        throws(LoRATrainingError) {
        try Self.check(model.configuration, layout: layout)
        guard dropout.isFinite, dropout >= 0, dropout < 1 else {
            throw LoRATrainingError(.invalidSetting, "dropout \(dropout) is outside [0, 1)")
        }
        let longest = min(model.configuration.contextLength, Limits.sequenceLengthMaximum)
        guard sequenceLengthMaximum > 0, sequenceLengthMaximum <= longest else {
            throw LoRATrainingError(.invalidSetting, "sequenceLengthMaximum \(sequenceLengthMaximum) is outside "
                                    + "1...\(longest) (the model's context and the engine's limit)")
        }
        self.model = model
        self.layout = layout
        self.dropout = dropout
        self.sequenceLengthMaximum = sequenceLengthMaximum
        let c = model.configuration, pool = BufferPool()
        let shape = TrainingShape(configuration: c, rank: layout.configuration.rank,
                                  tokenCapacity: sequenceLengthMaximum, logitsRowCapacity: Limits.logitsRowCapacity)
        self.shape = shape
        var targeted = [[Bool]](repeating: [Bool](repeating: false, count: Self.rolesPerBlock), count: c.blockCount)
        for segment in layout.segments { targeted[segment.module.layer][Self.roleIndex(segment.module.role)] = true }
        layers = targeted.map { LayerActivations(pool: pool, shape: shape, targeted: $0) }
        scratch = TrainingScratch(pool: pool, shape: shape)
        let rank = layout.configuration.rank
        permutedFactors = layout.segments.map {
            Self.permutedHeadDimension($0.module.role, c) == nil ? nil : pool.make($0.outputs * rank)
        }
        rotary = RotaryTable(inverseFrequencies: c.inverseFrequencies(), positionCount: sequenceLengthMaximum)
        let workers = (model.backend as? CPUBackend)?.threadCount ?? CPUBackend.coreCount
        transposedProduct = TransposedProduct(tileElementCount: Limits.tileElementCount, workerCount: workers)
        self.pool = pool
    }

    /// The length of the parameter vector.
    public var parameterCount: Int { layout.parameterCount }

    /// The bytes the engine's activations and scratch occupy.
    public var byteCount: Int { pool.byteCount + transposedProduct.byteCount }

    /// Adds ∂(Σ losses)/∂θ over `sequence`'s targets to `gradient` and returns the loss sum,
    /// with the engine's dropout seeded by `dropoutSeed` (nil: without dropout). Throws for an empty sequence, one
    /// longer than `sequenceLengthMaximum`, a token outside the vocabulary, or vectors of the
    /// wrong length; `gradient` is unchanged then.
    public func accumulateGradient(of sequence: TrainingSequence, parameters: [Float], dropoutSeed: UInt64?,
                                   into gradient: inout [Float]) throws(LoRATrainingError) -> LossSum {
        try check(sequence, parameters: parameters)
        guard gradient.count == parameterCount else {
            throw LoRATrainingError(.parameterCountMismatch, "the gradient has \(gradient.count) values; the layout "
                                    + "has \(parameterCount) parameters")
        }
        let mask = dropout > 0 ? dropoutSeed.map { DropoutMask(probability: dropout, seed: $0) } : nil
        return parameters.withUnsafeBufferPointer { values in
            gradient.withUnsafeMutableBufferPointer { destination in
                evaluate(sequence, parameters: values.baseAddress!, dropout: mask, gradient: destination.baseAddress!)
            }
        }
    }

    /// The loss sum over `sequence`'s targets, without dropout and without a gradient. Throws
    /// as `accumulateGradient` does.
    public func loss(of sequence: TrainingSequence, parameters: [Float]) throws(LoRATrainingError) -> LossSum {
        try check(sequence, parameters: parameters)
        return parameters.withUnsafeBufferPointer { values in
            evaluate(sequence, parameters: values.baseAddress!, dropout: nil, gradient: nil)
        }
    }

    /// The forward pass, the loss and, with a gradient destination, the backward pass.
    private func evaluate(_ sequence: TrainingSequence, parameters: UnsafePointer<Float>, dropout: DropoutMask?,
                          gradient: UnsafeMutablePointer<Float>?) -> LossSum {
        let factors = moduleFactors(parameters)
        let n = sequence.tokens.count
        forward(sequence.tokens, factors: factors, dropout: dropout)
        let loss = outputHead(sequence, computingGradient: gradient != nil)
        if let gradient, loss.targetCount > 0 {
            backward(tokenCount: n, factors: factors, dropout: dropout, gradient: gradient)
        }
        return loss
    }
}
