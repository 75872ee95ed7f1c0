import ModelFiles
import Testing

@Suite("SafetensorsIndex")
struct SafetensorsIndexTests {
    private func parse(_ text: String, limits: SafetensorsLimits = .standard) throws(ModelFileError)
        -> SafetensorsIndex {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ModelFileError) in try SafetensorsIndex(parsing: buffer, limits: limits) }
        }
        return try result.get()
    }

    @Test func readsTheFixtureIndex() throws {
        let index = try SafetensorsIndex(contentsOfFile: Fixtures.path("sharded/model.safetensors.index.json"))
        #expect(index.shardFileNames == ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"])
        #expect(index.weightMap["layers.1.weight"] == "model-00002-of-00002.safetensors")
        #expect(index.metadata?["total_size"] == .integer(32))
    }

    @Test("refuses bad indexes", arguments: [
        #"[]"#, #"{}"#, #"{"weight_map": []}"#, #"{"weight_map": {"a": 1}}"#,
        #"{"weight_map": {"a": "../model.safetensors"}}"#, #"{"weight_map": {"a": ".."}}"#,
        #"{"weight_map": {"a": ""}}"#, #"{"weight_map": {"a": "/etc/passwd"}}"#, #"{"weight_map": "#,
    ])
    func refuses(text: String) {
        #expect(throws: ModelFileError.self) { try parse(text) }
    }

    @Test func limitsTheIndexSizeAndShardCount() {
        var limits = SafetensorsLimits.standard
        limits.shardCountMax = 1
        #expect(throws: ModelFileError.self) { try parse(#"{"weight_map": {"a": "x", "b": "y"}}"#, limits: limits) }
        limits.indexByteCountMax = 10
        #expect(throws: ModelFileError.self) { try parse(#"{"weight_map": {}}"#, limits: limits) }
    }
}
