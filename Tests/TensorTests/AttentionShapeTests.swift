import Testing
import Tensor

@Suite struct AttentionShapeTests {
    @Test func widthsAndPositions() {
        let shape = AttentionShape(tokenCount: 3, startPosition: 5, headCount: 8, keyValueHeadCount: 2,
                                   headDimension: 16)
        #expect(shape.queryWidth == 128 && shape.keyValueWidth == 32 && shape.positionCount == 8)
    }
}
