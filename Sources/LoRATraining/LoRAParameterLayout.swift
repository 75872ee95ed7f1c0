import OpenLoRA

/// Where each LoRA factor lives in the flat parameter vector a trainer updates: the targeted
/// modules sorted by layer and role, and for each its A ([r, in], row-major) followed by its
/// B ([out, r], row-major, Hugging Face row order: the order PEFT saves).
public struct LoRAParameterLayout: Sendable, Equatable {
    /// One module's factors in the vector.
    public struct Segment: Sendable, Equatable {
        /// The projection.
        public let module: LoRAModule
        /// Input and output features of the projection.
        public let inputs: Int, outputs: Int
        /// The first index of A; A has rank · inputs values.
        public let aOffset: Int
        /// The first index of B; B has outputs · rank values.
        public let bOffset: Int
    }

    /// The adapter configuration (rank, α, targets, scaling, dropout).
    public let configuration: LoRAAdapterConfiguration
    /// The base model's hyperparameters.
    public let base: LlamaConfiguration
    /// The segments, in vector order.
    public let segments: [Segment]
    /// The length of the vector.
    public let parameterCount: Int

    /// The layout of `configuration`'s targets on a model of `base`'s shape. Throws when the
    /// configuration is invalid.
    public init(configuration: LoRAAdapterConfiguration, base: LlamaConfiguration) throws(OpenLoRAError) {
        let modules = try configuration.targetedModules(blockCount: base.blockCount)
        let rank = configuration.rank
        var segments: [Segment] = []
        var offset = 0
        for module in modules {
            let (outputs, inputs) = Self.projectionSize(module.role, base)
            segments.append(Segment(module: module, inputs: inputs, outputs: outputs, aOffset: offset,
                                    bOffset: offset + rank * inputs))
            offset += rank * (inputs + outputs)
        }
        self.configuration = configuration
        self.base = base
        self.segments = segments
        parameterCount = offset
    }

    /// The update's scale s (α / r, or α / √r).
    public var scale: Float { configuration.scale }

    /// PEFT's initial values: each A uniform in ±1/√inputs (kaiming_uniform with a = √5), each
    /// B zero, so training starts from the base model. Seeded; the same seed gives the same vector.
    public func initialParameters(seed: UInt64) -> [Float] {
        var random = RandomSource(seed: seed)
        var values = [Float](repeating: 0, count: parameterCount)
        for segment in segments {
            let bound = 1 / Double(segment.inputs).squareRoot()
            for index in segment.aOffset..<segment.bOffset {
                values[index] = Float((random.nextUnitInterval() * 2 - 1) * bound)
            }
        }
        return values
    }

    /// The factors of every module in `parameters`, in PEFT's layout.
    public func factors(_ parameters: [Float]) -> [LoRAModule: (a: [Float], b: [Float])] {
        precondition(parameters.count == parameterCount, "a vector of another layout")
        let rank = configuration.rank
        var result: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for segment in segments {
            let a = Array(parameters[segment.aOffset..<segment.bOffset])
            let b = Array(parameters[segment.bOffset..<(segment.bOffset + segment.outputs * rank)])
            result[segment.module] = (a, b)
        }
        return result
    }

    /// The adapter `parameters` describe, ready to serve or write as a PEFT folder.
    public func adapter(_ parameters: [Float]) throws(OpenLoRAError) -> LoRAAdapter {
        try LoRAAdapter(configuration: configuration, factors: factors(parameters), base: base)
    }

    /// (output features, input features) of a projection of `base`.
    static func projectionSize(_ role: LlamaLayerRole, _ base: LlamaConfiguration) -> (outputs: Int, inputs: Int) {
        switch role {
        case .query: (base.queryWidth, base.embeddingLength)
        case .key, .value: (base.keyValueWidth, base.embeddingLength)
        case .attentionOutput: (base.embeddingLength, base.queryWidth)
        case .gate, .up: (base.feedForwardLength, base.embeddingLength)
        case .down: (base.embeddingLength, base.feedForwardLength)
        case .attentionNorm, .feedForwardNorm: preconditionFailure("\(role) is not a projection")
        }
    }
}
