import ModelFiles
import Testing

@Suite("GGMLType")
struct GGMLTypeTests {
    @Test func blockSizesMatchGGUFPy() {
        let sizes = Fixtures.expected.quantSizes
        for type in GGMLType.allCases where type != .q8_1 {
            let expected = sizes[type.name]
            #expect(expected == [type.blockElementCount, type.blockByteCount], "\(type.name)")
        }
        #expect(sizes.count == GGMLType.allCases.count - 1)
        #expect(GGMLType.q8_1.blockByteCount == 36)  // ggml's block_q8_1: two binary16s and 32 int8s
    }

    @Test func rowByteCounts() {
        #expect(GGMLType.q4_0.rowByteCount(rowLength: 64) == 36)
        #expect(GGMLType.q4_0.rowByteCount(rowLength: 48) == nil)
        #expect(GGMLType.q4_k.rowByteCount(rowLength: 512) == 288)
        #expect(GGMLType.f32.rowByteCount(rowLength: .max) == nil)
        #expect(GGMLType.f16.rowByteCount(rowLength: 0) == 0)
        #expect(GGMLType.bf16.rowByteCount(rowLength: -1) == nil)
    }

    @Test func namesAndDequantizability() {
        #expect(GGMLType.q4_0.name == "Q4_0")
        #expect(GGMLType.iq2_xxs.name == "IQ2_XXS")
        #expect(GGMLType(rawValue: 4) == nil)
        let dequantizable = GGMLType.allCases.filter(\.isDequantizable)
        #expect(dequantizable == [.f32, .f16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .bf16])
    }
}
