import LoRATraining
import ModelFiles
import OpenLoRA
import Tensor

/// Tiny seeded random Llama models for the training tests: 2 blocks, width 16 (or 32), 4 query
/// heads sharing 2 key-value heads, a 32-token vocabulary, linear RoPE scaling.
enum TinyTrainingModel {
    /// One backend for every test: OpenBLAS's thread count is process-wide.
    static let backend = CPUBackend(threadCount: 2)

    /// A tiny model's shape, in `layout`, with or without tied embeddings; `width` 32 gives
    /// rows of whole 32-element quantization blocks.
    static func configuration(rope layout: RopeLayout, tied: Bool, width: Int = 16) -> LlamaConfiguration {
        LlamaConfiguration(vocabularySize: 32, embeddingLength: width, feedForwardLength: width == 16 ? 24 : 2 * width,
                           blockCount: 2, headCount: 4, keyValueHeadCount: 2, headDimension: width / 4,
                           contextLength: 64, rmsNormEpsilon: 1e-5,
                           ropeFrequencyBase: 10_000, ropeScaling: .linear(factor: 2), ropeLayout: layout,
                           tiesEmbeddings: tied)
    }

    /// A model of `configuration` with weights drawn from `seed`, stored as `type`.
    static func make(_ configuration: LlamaConfiguration, seed: UInt64, type: GGMLType = .f32) throws -> LlamaModel {
        var random = RandomSource(seed: seed)
        let c = configuration
        func matrix(_ rows: Int, _ columns: Int, _ bound: Double) throws -> WeightMatrix {
            let values = (0..<(rows * columns)).map { _ in Float((random.nextUnitInterval() * 2 - 1) * bound) }
            if type == .f32 { return WeightMatrix(rowCount: rows, columnCount: columns, values: values) }
            return try WeightMatrix(quantizing: values, rowCount: rows, columnCount: columns, to: type)
        }
        func norm() -> [Float] { (0..<c.embeddingLength).map { _ in Float(0.8 + 0.4 * random.nextUnitInterval()) } }
        let d = c.embeddingLength, bound = 1 / Double(d).squareRoot() * 1.5
        var layers: [LlamaLayerWeights] = []
        for _ in 0..<c.blockCount {
            layers.append(LlamaLayerWeights(
                attentionNorm: norm(), query: try matrix(c.queryWidth, d, bound),
                key: try matrix(c.keyValueWidth, d, bound),
                value: try matrix(c.keyValueWidth, d, bound), attentionOutput: try matrix(d, c.queryWidth, bound),
                feedForwardNorm: norm(), gate: try matrix(c.feedForwardLength, d, bound),
                up: try matrix(c.feedForwardLength, d, bound),
                down: try matrix(d, c.feedForwardLength, 1 / Double(c.feedForwardLength).squareRoot() * 1.5)))
        }
        let embedding = try matrix(c.vocabularySize, d, 1)
        let output = c.tiesEmbeddings ? embedding : try matrix(c.vocabularySize, d, 1)
        let weights = LlamaWeights(tokenEmbedding: embedding, layers: layers, outputNorm: norm(), output: output)
        return try LlamaModel(configuration: c, weights: weights, backend: backend)
    }

    /// A rank-4 all-linear layout for `configuration`.
    static func layout(_ configuration: LlamaConfiguration, rankStabilized: Bool = false) throws
        -> LoRAParameterLayout {
        let adapter = LoRAAdapterConfiguration(rank: 4, alpha: 8, targetModules: .allLinear,
                                               usesRankStabilizedScaling: rankStabilized)
        return try LoRAParameterLayout(configuration: adapter, base: configuration)
    }

    /// PEFT's initial A with a seeded nonzero B (so that every gradient is nonzero).
    static func parameters(_ layout: LoRAParameterLayout, seed: UInt64) -> [Float] {
        var values = layout.initialParameters(seed: seed)
        var random = RandomSource(seed: seed ^ 0xb)
        for segment in layout.segments {
            for index in segment.bOffset..<(segment.bOffset + segment.outputs * layout.configuration.rank) {
                values[index] = Float((random.nextUnitInterval() * 2 - 1) * 0.3)
            }
        }
        return values
    }

    /// A 12-token sequence whose first 4 tokens are a masked prompt.
    static let sequence = TrainingSequence(tokens: [1, 7, 30, 4, 19, 2, 11, 25, 0, 16, 9, 31],
                                           targetMask: (0..<12).map { $0 >= 4 })
}
