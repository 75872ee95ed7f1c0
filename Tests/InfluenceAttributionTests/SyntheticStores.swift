import LoRATraining
import ModelFactory
import OpenLoRA
import TestSupport

/// Random gradient stores for a small adapter layout, and the layout itself: fixtures for the
/// scoring, credit and verification tests (no model involved).
enum SyntheticStores {
    /// A base with two blocks of small projections.
    static let base = LlamaConfiguration(
        vocabularySize: 64, embeddingLength: 16, feedForwardLength: 32, blockCount: 2, headCount: 2,
        keyValueHeadCount: 1, headDimension: 8, contextLength: 64, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
        ropeLayout: .halves, tiesEmbeddings: true)

    /// Rank 2 on q_proj and v_proj: four segments.
    static func layout(rank: Int = 2) throws -> LoRAParameterLayout {
        try LoRAParameterLayout(configuration: LoRAAdapterConfiguration(rank: rank, alpha: 4, targetModules: .names(["q_proj", "v_proj"])),
                                base: base)
    }

    /// The 32-byte content hash of document `number`.
    static func contentHash(_ number: Int) -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: number &* 31 &+ $0 &* 7 &+ 1) }
    }

    /// A random quantized gradient of `projection`'s shape (every segment non-zero).
    static func gradient(_ projection: GradientProjection, using random: inout SeededGenerator) -> QuantizedGradient {
        let values = (0..<projection.dimension).map { _ in Float.random(in: -1...1, using: &random) }
        let scale = Float.random(in: 0.01...2, using: &random)
        return QuantizedGradient(quantizing: values.map { $0 * scale }, segmentOutputSizes: projection.outputSizes)
    }

    /// A store of `count` random records; record i belongs to document `documentOf(i)`.
    static func store(layout: LoRAParameterLayout, dimension: Int = 32, count: Int, step: Int = 10,
                      learningRate: Double = 1e-3, seed: UInt64 = 9, documentOf: (Int) -> Int = { $0 },
                      using random: inout SeededGenerator) throws -> GradientStore {
        let projection = try GradientProjection(layout: layout, dimension: dimension, seed: seed)
        let records = (0..<count).map { index in
            GradientStoreRecord(contentHash: contentHash(documentOf(index)), exampleIndex: index,
                                gradient: gradient(projection, using: &random))
        }
        return GradientStore(projection: projection, step: step, learningRate: learningRate, records: records)
    }

    /// The exact values q · σ of a quantized gradient, per segment.
    static func segments(of gradient: QuantizedGradient, _ projection: GradientProjection) -> [[Double]] {
        var start = 0
        return zip(projection.outputSizes, gradient.scales).map { size, scale in
            defer { start += size }
            return gradient.values[start..<(start + size)].map { Double($0) * Double(scale) }
        }
    }
}
