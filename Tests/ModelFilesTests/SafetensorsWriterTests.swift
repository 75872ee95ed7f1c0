import Foundation
import ModelFiles
import Testing

@Suite("SafetensorsWriter")
struct SafetensorsWriterTests {
    /// The tensors make_fixtures.py wrote to writer-reference.safetensors with the reference writer.
    private func referenceTensors() -> SafetensorsWriter {
        var writer = SafetensorsWriter()
        writer.metadata = ["format": "pt"]
        writer.addTensor(named: "b.ramp", shape: [2, 3], values: (0..<6).map { Float($0) * 0.25 - 0.5 })
        let halves = GGMLQuantizer.quantize((0..<5).map { Float($0) * 0.5 }, to: .f16)
        writer.addTensor(named: "a.halves", dtype: .f16, shape: [5], bytes: halves)
        writer.addTensor(named: "c.odd", dtype: .u8, shape: [3], bytes: [1, 2, 3])
        writer.addTensor(named: "d.brain", dtype: .bf16, shape: [2], bytes: [0x80, 0x3f, 0x00, 0xc0])
        return writer
    }

    @Test func writesWhatTheReferenceWriterWrites() throws {
        #expect(referenceTensors().serialized() == (try Fixtures.bytes("writer-reference.safetensors")))
    }

    @Test func roundTripsThroughTheReader() throws {
        var writer = SafetensorsWriter()
        writer.metadata = ["b": "quote \" and \\ and \n and \u{01}", "a": "ünïcode"]
        writer.addTensor(named: "lora_B", shape: [3, 2], values: [1, 2, 3, 4, 5, 6])
        writer.addTensor(named: "lora_A", dtype: .bf16, shape: [1, 3], bytes: [0x80, 0x3f, 0x00, 0x40, 0x40, 0x40])
        writer.addTensor(named: "empty", dtype: .f16, shape: [0, 4], bytes: [])
        let bytes = writer.serialized()
        #expect((8 + Int(bytes[0]) + Int(bytes[1]) << 8) % 8 == 0)
        let file = try SafetensorsFile(bytes: bytes)
        #expect(file.header.metadata == writer.metadata)
        #expect(file.tensorNames == ["lora_B", "lora_A", "empty"])
        #expect(try file.tensor(named: "lora_B")?.dequantize() == [1, 2, 3, 4, 5, 6])
        #expect(try file.tensor(named: "lora_B")?.dimensions == [2, 3])
        #expect(try file.tensor(named: "lora_A")?.dequantize() == [1, 2, 3])
        #expect(try file.tensor(named: "empty")?.elementCount == 0)
    }

    @Test func headerIsValidJSONForFoundation() throws {
        var writer = SafetensorsWriter()
        writer.metadata = ["text": "tab\there \u{1f} \u{1F600}"]
        writer.addTensor(named: "w\"eird/name", shape: [1], values: [1])
        let bytes = writer.serialized()
        let length = Int(bytes[0]) | Int(bytes[1]) << 8
        let json = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as? [String: Any]
        let metadata = json?["__metadata__"] as? [String: String]
        #expect(metadata == writer.metadata)
        #expect(json?["w\"eird/name"] != nil)
    }

    @Test func writesFilesAtomically() throws {
        let path = Fixtures.temporaryPath("adapter.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try referenceTensors().write(toFile: path)
        let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try Fixtures.bytes("writer-reference.safetensors") == written)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(throws: ModelFileError.self) {
            try referenceTensors().write(toFile: "/nonexistent-folder/x.safetensors")
        }
    }
}
