import Testing
import Tensor

@Suite struct FloatTensorTests {
    @Test func rowsAreTheLastDimension() {
        let tensor = FloatTensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(tensor.rowCount == 2 && tensor.rowLength == 3 && tensor.count == 6)
        #expect(Array(tensor.row(1)) == [4, 5, 6])
        #expect(FloatTensor(zeros: [2, 2]).scalars == [0, 0, 0, 0])
        #expect(FloatTensor(shape: [], scalars: [7]).rowLength == 1)
    }
}
