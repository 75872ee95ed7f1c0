import Foundation

/// The tiny model fixtures of OpenLoRATests (random Llama models made by
/// Tests/OpenLoRATests/Fixtures/make_fixtures.py) and the folders the model-command tests
/// build around them.
enum ModelFixtures {
    /// Tests/OpenLoRATests/Fixtures, found from this file's path.
    static let folder: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("OpenLoRATests/Fixtures").path + "/"
    }()

    static func path(_ name: String) -> String { folder + name }

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "oln-model-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A Hugging Face folder holding the 256-token `base` model (links to its config.json and
    /// model.safetensors) with `tokenizer.json` and `tokenizer_config.json` from
    /// `ByteTokenizerFiles`: a byte-level tokenizer whose 256 ids fit the model's vocabulary.
    static func baseFolderWithTokenizer() throws -> String {
        let folder = try temporaryFolder("base")
        for file in ["config.json", "model.safetensors"] {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + file,
                                                       withDestinationPath: path("base-hf/" + file))
        }
        try ByteTokenizerFiles.write(to: folder)
        return folder
    }
}
