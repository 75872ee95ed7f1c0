import OpenLoRA

/// Seeded random LoRA adapters for a base model: rank r on all seven projections of every
/// block, A uniform in ±1/√in (Kaiming-like) and B uniform in ±0.01 (not zero, so the update
/// changes the output as a trained adapter's does).
struct RandomAdapters {
    let base: LlamaConfiguration
    let rank: Int

    /// The adapter of `seed`.
    func make(seed: UInt64) throws -> LoRAAdapter {
        var random = RandomSource(seed: seed)
        let configuration = LoRAAdapterConfiguration(rank: rank, alpha: Double(2 * rank), targetModules: .allLinear)
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for module in try configuration.targetedModules(blockCount: base.blockCount) {
            let (outputs, inputs) = size(module.role)
            let scale = Float(1 / Double(inputs).squareRoot())
            factors[module] = (values(rank * inputs, scale, &random), values(outputs * rank, 0.01, &random))
        }
        return try LoRAAdapter(configuration: configuration, factors: factors, base: base)
    }

    private func size(_ role: LlamaLayerRole) -> (outputs: Int, inputs: Int) {
        let d = base.embeddingLength
        switch role {
        case .query: return (base.queryWidth, d)
        case .key, .value: return (base.keyValueWidth, d)
        case .attentionOutput: return (d, base.queryWidth)
        case .gate, .up: return (base.feedForwardLength, d)
        default: return (d, base.feedForwardLength)
        }
    }

    private func values(_ count: Int, _ scale: Float, _ random: inout RandomSource) -> [Float] {
        (0..<count).map { _ in Float(random.nextUnitInterval() * 2 - 1) * scale }
    }
}
