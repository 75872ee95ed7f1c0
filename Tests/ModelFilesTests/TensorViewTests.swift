import ModelFiles
import Testing

@Suite("TensorView")
struct TensorViewTests {
    @Test func rowsDequantizeToTheirSliceOfTheWhole() throws {
        let file = try GGUFFile(contentsOfFile: Fixtures.path("tiny-v3.gguf"))
        for name in ["q4_0.matrix", "q4_1.matrix", "q8_0.matrix", "f16.matrix", "bf16.matrix", "f32.cube"] {
            let tensor = try #require(file.tensor(named: name))
            let whole = try tensor.dequantize()
            for row in 0..<tensor.rowCount {
                let slice = Array(whole[(row * tensor.rowLength)..<((row + 1) * tensor.rowLength)])
                #expect(try tensor.dequantizeRows(row..<(row + 1)) == slice, "\(name) row \(row)")
            }
            var buffer = [Float](repeating: .nan, count: tensor.elementCount)
            try buffer.withUnsafeMutableBufferPointer { destination throws(ModelFileError) in
                try tensor.dequantizeRows(0..<tensor.rowCount, into: destination)
            }
            #expect(buffer == whole)
        }
    }

    @Test func shapeAccessors() throws {
        let file = try GGUFFile(contentsOfFile: Fixtures.path("tiny-v3.gguf"))
        let cube = try #require(file.tensor(named: "f32.cube"))
        #expect(cube.dimensions == [4, 3, 2])
        #expect(cube.rowLength == 4)
        #expect(cube.rowCount == 6)
        #expect(cube.elementCount == 24)
        #expect(cube.rowByteCount == 16)
        let q4 = try #require(file.tensor(named: "q4_0.matrix"))
        #expect(q4.rowByteCount == 36)
        #expect(q4.withUnsafeBytes(ofRows: 1..<3) { $0.count } == 72)
        let vector = try #require(file.tensor(named: "f32.vector"))
        #expect(vector.rowCount == 1)
    }
}
