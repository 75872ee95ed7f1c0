import ModelFiles
import OpenLoRA
import Tensor
import Tokenizers

extension ModelSummary {
    /// The summary of a GGUF file; throws only when the file is not a readable GGUF file.
    init(ggufFile path: String) throws {
        let file = try LoadedModel.openGGUF(path)
        var types: [String: Int] = [:]
        for tensor in file.header.tensors { types[tensor.type.name, default: 0] += 1 }
        self.init(path: path, format: "GGUF v\(file.header.version)", name: file["general.name"]?.string,
                  architecture: file["general.architecture"]?.string, fileByteCount: file.header.fileByteCount,
                  configuration: nil, parameterCount: file.header.tensors.reduce(0) { $0 + $1.elementCount },
                  tensorTypes: types)
        do {
            configuration = try LlamaConfiguration(gguf: file)
            _ = try LlamaModel(gguf: file, backend: CPUBackend(threadCount: 1))
        } catch {
            problems.append(error.description)
        }
        readTokenizer(file)
    }

    private mutating func readTokenizer(_ file: GGUFFile) {
        guard file["tokenizer.ggml.model"] != nil else { return }
        do {
            let tokenizer = try Tokenizer(gguf: file.header)
            var kind = file["tokenizer.ggml.model"]?.string ?? "?"
            if let pre = file["tokenizer.ggml.pre"]?.string { kind += ", pre-tokenizer \(pre)" }
            self.tokenizer = Self.tokenizerSummary(tokenizer, source: "GGUF metadata", kind: kind)
            chatTemplate = Self.chatTemplate(of: tokenizer)
        } catch {
            tokenizerProblem = error.description
        }
    }
}
