import Foundation
import ModelFiles
import OpenLoRA
import Tensor
import Tokenizers

extension ModelSummary {
    /// The summary of a Hugging Face folder; throws only when config.json cannot be read.
    init(huggingFaceDirectory path: String) throws {
        let folder = path as NSString
        let configurationPath = folder.appendingPathComponent("config.json")
        guard let configurationData = FileManager.default.contents(atPath: configurationPath) else {
            throw CommandFailure("\(path) has no readable config.json; a Hugging Face model folder holds config.json "
                                 + "and model.safetensors")
        }
        let fields = (try? JSONSerialization.jsonObject(with: configurationData)) as? [String: Any]
        self.init(path: path, format: "Hugging Face folder", name: fields?["_name_or_path"] as? String,
                  architecture: fields?["model_type"] as? String, fileByteCount: 0, configuration: nil,
                  parameterCount: 0, tensorTypes: [:])
        readWeights(path)
        do throws(OpenLoRAError) {
            configuration = try LlamaConfiguration(huggingFaceConfigurationFile: configurationPath)
            _ = try LlamaModel(huggingFaceDirectory: path, backend: CPUBackend(threadCount: 1))
        } catch {
            problems.append(error.description)
        }
        readTokenizer(folder.appendingPathComponent("tokenizer.json"))
    }

    private mutating func readWeights(_ path: String) {
        do {
            let safetensors = try ShardedSafetensors(directory: path)
            for (name, shard) in safetensors.shards {
                fileByteCount += Self.byteCount(of: (path as NSString).appendingPathComponent(name))
                for tensor in shard.header.tensors {
                    tensorTypes[tensor.dtype.rawValue, default: 0] += 1
                    parameterCount += tensor.elementCount
                }
            }
        } catch {
            problems.append(error.description)
        }
    }

    private mutating func readTokenizer(_ path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        switch LoadedModel.tokenizer(at: path) {
        case .success(let tokenizer):
            let kind = tokenizer.vocabulary.id(for: "<0x00>") != nil ? "SentencePiece-style BPE" : "byte-level BPE"
            self.tokenizer = Self.tokenizerSummary(tokenizer, source: "tokenizer.json", kind: kind)
            chatTemplate = Self.chatTemplate(of: tokenizer)
        case .failure(let error):
            tokenizerProblem = error.description
        }
    }
}
