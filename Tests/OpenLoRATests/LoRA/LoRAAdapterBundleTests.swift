import Foundation
import ModelFiles
import Testing
@testable import OpenLoRA

@Suite("LoRAAdapter bundle")
struct LoRAAdapterBundleTests {
    @Test("a bundle is a safetensors file carrying the configuration; unpacked, it loads as the same adapter")
    func roundTrip() throws {
        let (adapter, base) = try LoRAAdapterBundleTests.adapter()
        let bytes = adapter.bundle()
        let file = try SafetensorsFile(bytes: bytes)
        #expect(file.header.metadata["format"] == "pt")
        #expect(file.header.metadata[LoRAAdapter.bundleConfigurationKey] != nil)
        let folder = NSTemporaryDirectory() + "oln-bundle-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try LoRAAdapter.unpackBundle(bytes, toDirectory: folder)
        let loaded = try LoRAAdapter(directory: folder, base: base)
        #expect(loaded.configuration == adapter.configuration)
        for module in adapter.modules {
            #expect(loaded.factorValues(module)?.a == adapter.factorValues(module)?.a)
            #expect(loaded.factorValues(module)?.b == adapter.factorValues(module)?.b)
        }
    }

    @Test("bytes that are not a bundle are refused with an error", arguments: [[UInt8](), [1, 2, 3]])
    func refused(bytes: [UInt8]) {
        #expect(throws: OpenLoRAError.self) { try LoRAAdapter.unpackBundle(bytes, toDirectory: NSTemporaryDirectory() + "x") }
    }

    @Test("PEFT's own weights file (no configuration in it) is refused")
    func plainWeights() throws {
        let (adapter, _) = try LoRAAdapterBundleTests.adapter()
        #expect(throws: OpenLoRAError.self) {
            try LoRAAdapter.unpackBundle(adapter.serializedWeights(), toDirectory: NSTemporaryDirectory() + "y")
        }
    }

    static func adapter() throws -> (LoRAAdapter, LlamaConfiguration) {
        let base = LlamaConfiguration(vocabularySize: 16, embeddingLength: 8, feedForwardLength: 12, blockCount: 1,
                                      headCount: 2, keyValueHeadCount: 1, headDimension: 4, contextLength: 32,
                                      rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000, ropeLayout: .halves,
                                      tiesEmbeddings: true)
        let configuration = LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .names(["q_proj"]))
        let module = LoRAModule(layer: 0, role: .query)
        let a = (0..<16).map { Float($0) / 16 }, b = (0..<16).map { Float($0) / -8 }
        return (try LoRAAdapter(configuration: configuration, factors: [module: (a, b)], base: base), base)
    }
}
