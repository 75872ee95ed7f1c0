import OpenLoRA

extension LoRAGradientEngine {
    /// Throws `.incompatibleLayout` unless `layout`'s base has `configuration`'s block count and
    /// widths (the RoPE row layout may differ: parameters are always in Hugging Face order).
    static func check(_ configuration: LlamaConfiguration, layout: LoRAParameterLayout) throws(LoRATrainingError) {
        let base = layout.base, c = configuration
        let mine = [c.blockCount, c.embeddingLength, c.feedForwardLength, c.headCount, c.keyValueHeadCount,
                    c.headDimension]
        let theirs = [base.blockCount, base.embeddingLength, base.feedForwardLength, base.headCount,
                      base.keyValueHeadCount, base.headDimension]
        guard mine == theirs else {
            throw LoRATrainingError(.incompatibleLayout, "the layout was made for a base of (blocks, width, "
                                    + "feed-forward, heads, key-value heads, head dimension) \(theirs); the model "
                                    + "has \(mine)")
        }
    }

    /// Throws unless `sequence` fits the engine and `parameters` the layout.
    func check(_ sequence: TrainingSequence, parameters: [Float]) throws(LoRATrainingError) {
        guard parameters.count == parameterCount else {
            throw LoRATrainingError(.parameterCountMismatch, "the parameter vector has \(parameters.count) values; "
                                    + "the layout has \(parameterCount)")
        }
        guard !sequence.tokens.isEmpty else {
            throw LoRATrainingError(.emptySequence, "a training sequence needs at least one token")
        }
        guard sequence.tokens.count <= sequenceLengthMaximum else {
            throw LoRATrainingError(.sequenceTooLong, "the sequence has \(sequence.tokens.count) tokens; this engine "
                                    + "takes at most \(sequenceLengthMaximum): split it or make a longer engine")
        }
        let vocabulary = model.configuration.vocabularySize
        if let bad = sequence.tokens.first(where: { $0 < 0 || $0 >= vocabulary }) {
            throw LoRATrainingError(.tokenOutOfRange, "token \(bad) is outside the vocabulary of \(vocabulary)")
        }
    }

    /// The projections of one block: the slots of a per-(layer, role) table per layer.
    static let rolesPerBlock = LoRAModule.projectionRoles.count

    /// The index of a projection role in `LoRAModule.projectionRoles`.
    static func roleIndex(_ role: LlamaLayerRole) -> Int {
        guard let index = LoRAModule.projectionRoles.firstIndex(of: role) else {
            preconditionFailure("\(role) is not a projection")
        }
        return index
    }

    /// The RoPE head dimension B's rows of `role` are permuted by on this base, or nil.
    static func permutedHeadDimension(_ role: LlamaLayerRole, _ configuration: LlamaConfiguration) -> Int? {
        guard configuration.ropeLayout == .interleaved, role == .query || role == .key else { return nil }
        return configuration.headDimension
    }

    /// Each targeted projection's factors for one call, by layer · rolesPerBlock + role index; B's q/k rows
    /// are copied into the model's order where the base's RoPE layout is interleaved.
    func moduleFactors(_ parameters: UnsafePointer<Float>) -> [ModuleFactors?] {
        let c = model.configuration, rank = layout.configuration.rank
        var result = [ModuleFactors?](repeating: nil, count: c.blockCount * Self.rolesPerBlock)
        for (index, segment) in layout.segments.enumerated() {
            let role = Self.roleIndex(segment.module.role)
            let headDimension = Self.permutedHeadDimension(segment.module.role, c)
            var b = parameters + segment.bOffset
            if let headDimension, let buffer = permutedFactors[index] {
                let rows = Array(UnsafeBufferPointer(start: b, count: segment.outputs * rank))
                _ = buffer.update(fromContentsOf: RopeRowPermutation.interleave(rows, rowLength: rank,
                                                                                headDimension: headDimension))
                b = UnsafePointer(buffer.baseAddress!)
            }
            result[segment.module.layer * Self.rolesPerBlock + role] = ModuleFactors(
                a: parameters + segment.aOffset, b: b, aOffset: segment.aOffset, bOffset: segment.bOffset,
                inputs: segment.inputs, outputs: segment.outputs, permutedHeadDimension: headDimension,
                dropoutStream: UInt64(segment.module.layer * Self.rolesPerBlock + role))
        }
        return result
    }
}
