import Foundation
import ModelFiles
import Testing

@Suite("ShardedSafetensors")
struct ShardedSafetensorsTests {
    @Test func opensTheShardsTheIndexNames() throws {
        let model = try ShardedSafetensors(indexFile: Fixtures.path("sharded/model.safetensors.index.json"))
        #expect(model.shards.count == 2)
        let expected = Fixtures.expected.sharded.tensors
        #expect(model.tensorNames == expected.keys.sorted())
        for (name, tensor) in expected {
            let view = try #require(try model.tensor(named: name))
            #expect(view.dimensions == tensor.shape.reversed())
            #expect(try view.dequantize() == tensor.values.map(Float.init))
            #expect(model.tensorInfo(named: name)?.shape == tensor.shape)
        }
        #expect(try model.tensor(named: "absent") == nil)
    }

    @Test func opensADirectoryThroughItsIndexOrItsSingleFile() throws {
        let sharded = try ShardedSafetensors(directory: Fixtures.path("sharded"))
        #expect(sharded.shards.count == 2)
        let folder = Fixtures.temporaryPath("single")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Fixtures.path("model.safetensors"),
                                         toPath: folder + "/model.safetensors")
        let single = try ShardedSafetensors(directory: folder)
        #expect(single.tensorNames.count == 5)
        #expect(try single.tensor(named: "model.weight")?.elementCount == 12)
    }

    @Test func refusesAnIndexThatDisagreesWithItsShards() throws {
        let folder = Fixtures.temporaryPath("bad-index")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for shard in ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("sharded/" + shard), toPath: folder + "/" + shard)
        }
        let cases: [(String, ModelFileError.Kind)] = [
            (#"{"weight_map": {"layers.0.weight": "model-00002-of-00002.safetensors"}}"#, .missingTensor),
            (#"{"weight_map": {"layers.0.weight": "model-00001-of-00002.safetensors"}}"#, .duplicateTensor),
            (#"{"weight_map": {"x": "model-00003-of-00002.safetensors"}}"#, .fileSystem),
        ]
        for (text, kind) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/model.safetensors.index.json"))
            do {
                _ = try ShardedSafetensors(directory: folder)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.kind == kind, "\(text)")
            }
        }
    }
}
