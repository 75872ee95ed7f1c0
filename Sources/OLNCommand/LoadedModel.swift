import Foundation
import ModelFiles
import OpenLoRA
import Tensor
import Tokenizers

/// A base model opened for a command: the runtime model and, when the files carry one, its
/// tokenizer. MODEL is a GGUF file or a Hugging Face folder (config.json, model.safetensors
/// or an index of shards, tokenizer.json and optionally tokenizer_config.json).
struct LoadedModel {
    /// What MODEL was.
    enum Format: String {
        case gguf = "GGUF"
        case huggingFace = "Hugging Face folder"
    }

    let path: String
    let format: Format
    let model: LlamaModel
    /// The tokenizer from the GGUF metadata, the folder's tokenizer.json, or `--tokenizer`.
    let tokenizer: Tokenizer

    /// Opens MODEL (and the tokenizer at `tokenizerPath` instead of the model's own, if given)
    /// on a CPU backend with `threadCount` workers; with `expandsWeights`, every matrix is
    /// expanded to F32 at load (`WeightExpansion`).
    init(path: String, tokenizerPath: String?, threadCount: Int, expandsWeights: Bool = false) throws {
        self.path = path
        let backend = CPUBackend(threadCount: threadCount)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path) does not exist; MODEL is a GGUF file or a Hugging Face model folder")
        }
        var ownTokenizer: Result<Tokenizer, TokenizerError>
        let stored: LlamaModel
        if isDirectory.boolValue {
            format = .huggingFace
            stored = try Self.open(path) { () throws(OpenLoRAError) in
                try LlamaModel(huggingFaceDirectory: path, backend: backend)
            }
            ownTokenizer = Self.folderTokenizer(path)
        } else {
            format = .gguf
            let file = try Self.openGGUF(path)
            stored = try Self.open(path) { () throws(OpenLoRAError) in try LlamaModel(gguf: file, backend: backend) }
            ownTokenizer = Result { () throws(TokenizerError) in try Tokenizer(gguf: file.header) }
        }
        model = expandsWeights ? try WeightExpansion.expanded(stored) : stored
        if let tokenizerPath { ownTokenizer = Self.tokenizer(at: tokenizerPath) }
        switch ownTokenizer {
        case .success(let tokenizer): self.tokenizer = tokenizer
        case .failure(let error):
            let source = tokenizerPath ?? path
            throw CommandFailure("cannot load the tokenizer of \(source): \(error.message)"
                                 + (tokenizerPath == nil ? "; give one with --tokenizer FILE" : ""))
        }
    }

    /// A parsed GGUF file, or a failure naming the problem.
    static func openGGUF(_ path: String) throws -> GGUFFile {
        do {
            return try GGUFFile(contentsOfFile: path)
        } catch {
            throw CommandFailure("\(path) is not a readable GGUF file: \(error.description)")
        }
    }

    private static func open(_ path: String, _ load: () throws(OpenLoRAError) -> LlamaModel) throws -> LlamaModel {
        do {
            return try load()
        } catch {
            throw CommandFailure("cannot load the model in \(path): \(error.description)")
        }
    }

    /// A folder's tokenizer.json with its tokenizer_config.json when present.
    private static func folderTokenizer(_ folder: String) -> Result<Tokenizer, TokenizerError> {
        tokenizer(at: (folder as NSString).appendingPathComponent("tokenizer.json"))
    }

    /// The tokenizer in a GGUF file's metadata, or a tokenizer.json (with the
    /// tokenizer_config.json beside it, if any).
    static func tokenizer(at path: String) -> Result<Tokenizer, TokenizerError> {
        if startsWithGGUFMagic(path) {
            let file: GGUFFile
            do {
                file = try GGUFFile(contentsOfFile: path)
            } catch {
                return .failure(TokenizerError(.invalidFile, "\(path): \(error.description)"))
            }
            return Result { () throws(TokenizerError) in try Tokenizer(gguf: file.header) }
        }
        let configuration = ((path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("tokenizer_config.json")
        let hasConfiguration = FileManager.default.fileExists(atPath: configuration)
        return Result { () throws(TokenizerError) in
            try Tokenizer(tokenizerJSONAt: path, configurationAt: hasConfiguration ? configuration : nil)
        }
    }

    /// Whether the file at `path` begins with GGUF's magic bytes.
    static func startsWithGGUFMagic(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("GGUF".utf8)
    }
}
