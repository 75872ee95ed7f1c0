import OpenLoRA
import Testing
import LoRATraining

@Suite("LoRAParameterLayout")
struct LoRAParameterLayoutTests {
    static let base = LlamaConfiguration(vocabularySize: 32, embeddingLength: 16, feedForwardLength: 24, blockCount: 2,
                                         headCount: 4, keyValueHeadCount: 2, headDimension: 4, contextLength: 64,
                                         rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000, ropeLayout: .halves,
                                         tiesEmbeddings: true)

    @Test("segments follow the sorted modules, A before B, with the projections' sizes")
    func segments() throws {
        let configuration = LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .names(["q_proj", "down_proj"]))
        let layout = try LoRAParameterLayout(configuration: configuration, base: Self.base)
        #expect(layout.segments.map(\.module.description) == [
            "model.layers.0.self_attn.q_proj", "model.layers.0.mlp.down_proj",
            "model.layers.1.self_attn.q_proj", "model.layers.1.mlp.down_proj",
        ])
        let query = layout.segments[0], down = layout.segments[1]
        #expect((query.inputs, query.outputs, query.aOffset, query.bOffset) == (16, 16, 0, 32))
        #expect((down.inputs, down.outputs, down.aOffset, down.bOffset) == (24, 16, 64, 112))
        #expect(layout.parameterCount == 2 * (2 * (16 + 16) + 2 * (24 + 16)))
        #expect(layout.scale == 2)
    }

    @Test("initial values: A within ±1/√inputs and seeded, B zero; they make an adapter")
    func initial() throws {
        let configuration = LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .allLinear)
        let layout = try LoRAParameterLayout(configuration: configuration, base: Self.base)
        let values = layout.initialParameters(seed: 9)
        #expect(values == layout.initialParameters(seed: 9))
        #expect(values != layout.initialParameters(seed: 10))
        for segment in layout.segments {
            let bound = 1 / Float(segment.inputs).squareRoot()
            #expect(values[segment.aOffset..<segment.bOffset].allSatisfy { abs($0) <= bound })
            #expect(values[segment.bOffset..<(segment.bOffset + segment.outputs * 2)].allSatisfy { $0 == 0 })
        }
        let adapter = try layout.adapter(values)
        #expect(adapter.modules.count == layout.segments.count)
        #expect(adapter.factorValues(layout.segments[0].module)?.a == Array(values[0..<layout.segments[0].bOffset]))
    }
}
