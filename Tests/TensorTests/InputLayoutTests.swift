import Testing
import ModelFiles
@testable import Tensor

/// InputLayout is a permutation within each group, and the one the kernels expect (the
/// kernels' agreement with numpy is RowDotTests').
@Suite struct InputLayoutTests {
    @Test(arguments: [GGMLType.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1])
    func arrangementIsAPermutationWithinGroups(_ type: GGMLType) {
        let count = type.blockElementCount == 1 ? 37 : 64
        let vector = (0..<count).map(Float.init)
        var arranged = [Float](repeating: -1, count: count)
        vector.withUnsafeBufferPointer { source in
            arranged.withUnsafeMutableBufferPointer {
                InputLayout.arrange(type, source.baseAddress!, count: count, into: $0.baseAddress!)
            }
        }
        #expect(arranged.sorted() == vector)
        let group = InputLayout.isIdentity(type) ? 1 : 8
        for (position, value) in arranged.enumerated() where position < count / group * group {
            #expect(Int(value) / group == position / group)
        }
    }

    @Test func knownPositions() {
        let vector = (0..<32).map(Float.init)
        func arranged(_ type: GGMLType) -> [Float] {
            var output = vector
            vector.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer {
                    InputLayout.arrange(type, source.baseAddress!, count: 32, into: $0.baseAddress!)
                }
            }
            return output
        }
        #expect(Array(arranged(.f16).prefix(10)) == [0, 2, 4, 6, 1, 3, 5, 7, 8, 10])
        #expect(arranged(.bf16) == arranged(.f16))
        #expect(arranged(.q4_0) == vector && arranged(.q8_0) == vector && arranged(.f32) == vector)
    }
}
