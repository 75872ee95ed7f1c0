import Foundation
import ModelFiles
import Testing

@Suite("SafetensorsFile")
struct SafetensorsFileTests {
    @Test func computeViewsHoldTheValuesPythonWrote() throws {
        let file = try SafetensorsFile(contentsOfFile: Fixtures.path("model.safetensors"))
        #expect(file.buffer.isMapped)
        for (name, tensor) in Fixtures.expected.modelSafetensors.tensors {
            guard let values = tensor.values else { continue }
            let view = try #require(try file.tensor(named: name))
            #expect(view.dimensions == tensor.shape.reversed())
            #expect(try view.dequantize() == values.map(Float.init), "\(name)")
        }
    }

    @Test func otherDTypesAreRawBytesOnly() throws {
        let file = try SafetensorsFile(contentsOfFile: Fixtures.path("model.safetensors"))
        #expect(throws: ModelFileError.self) { try file.tensor(named: "model.ids") }
        let ids = try #require(file.header.tensor(named: "model.ids"))
        let values = file.withUnsafeBytes(of: ids) { bytes in
            (0..<4).map { Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
        #expect(values == [-1, 2, 3, -4])
        let bytes = try #require(file.header.tensor(named: "model.bytes"))
        #expect(file.withUnsafeBytes(of: bytes) { Array($0) } == [7, 8, 9])
        #expect(try file.tensor(named: "absent") == nil)
    }

    @Test func bytesInMemoryParseLikeTheMappedFile() throws {
        let copy = try SafetensorsFile(bytes: try Fixtures.bytes("model.safetensors"))
        let mapped = try SafetensorsFile(contentsOfFile: Fixtures.path("model.safetensors"))
        #expect(copy.header.tensors == mapped.header.tensors)
        #expect(copy.tensorNames == mapped.tensorNames)
    }

    @Test func aFileWithoutTensorsIsValidButNoBytesIsNot() throws {
        let path = Fixtures.temporaryPath("empty.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafetensorsWriter().write(toFile: path)
        let written = try SafetensorsFile(contentsOfFile: path)
        #expect(written.header.tensors.isEmpty)
        do {
            _ = try SafetensorsFile(bytes: [])
            Issue.record("an empty file parsed")
        } catch {
            #expect(error.kind == .truncated)
        }
    }
}
