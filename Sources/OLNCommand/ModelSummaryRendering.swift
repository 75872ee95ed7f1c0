import Foundation
import OpenLoRA

/// `oln model info`'s two outputs: aligned lines for people, one JSON object for programs.
enum ModelSummaryRendering {
    static func text(_ summary: ModelSummary) -> [String] {
        var lines: [(String, String)] = [("file", summary.path), ("format", summary.format)]
        if let name = summary.name { lines.append(("name", name)) }
        lines.append(("architecture", summary.architecture ?? "unknown"))
        let size = "\(megabytes(summary.fileByteCount)) MB, \(millions(summary.parameterCount)) M parameters"
        lines.append(("size", size))
        if let c = summary.configuration { lines += configurationLines(c) }
        lines.append(("tensors", summary.tensorTypes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            .joined(separator: ", ")))
        lines.append(("tokenizer", tokenizerLine(summary)))
        lines.append(("chat template", chatTemplateLine(summary.chatTemplate)))
        lines.append(("runs here", summary.isRunnable ? "yes" : "no: " + summary.problems.joined(separator: "; ")))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
    }

    private static func configurationLines(_ c: LlamaConfiguration) -> [(String, String)] {
        [("context length", "\(c.contextLength)"),
         ("layers", "\(c.blockCount)"),
         ("width", "\(c.embeddingLength), feed-forward \(c.feedForwardLength)"),
         ("heads", "\(c.headCount) query, \(c.keyValueHeadCount) key-value, \(c.headDimension) per head"),
         ("vocabulary", "\(c.vocabularySize)"),
         ("rope", "θ \(c.ropeFrequencyBase), \(scaling(c.ropeScaling))"),
         ("tied embeddings", c.tiesEmbeddings ? "yes" : "no")]
    }

    private static func tokenizerLine(_ summary: ModelSummary) -> String {
        if let problem = summary.tokenizerProblem { return "unreadable: \(problem)" }
        guard let t = summary.tokenizer else { return "none (give one to 'oln model run' with --tokenizer)" }
        var parts = ["\(t.source)"]
        if let kind = t.kind { parts[0] += " (\(kind))" }
        parts.append("\(t.vocabularySize) tokens")
        if let bos = t.beginningOfSequence { parts.append("BOS \(bos)") }
        if let eos = t.endOfSequence { parts.append("EOS \(eos)") }
        return parts.joined(separator: ", ")
    }

    private static func chatTemplateLine(_ template: ModelSummary.ChatTemplateSummary?) -> String {
        guard let template else { return "none" }
        guard let system = template.defaultSystemMessage else { return template.style }
        return "\(template.style), default system message \(system.debugDescription) (used only with --system)"
    }

    static func scaling(_ scaling: RopeScaling) -> String {
        switch scaling {
        case .none: "no scaling"
        case .linear(let factor): "linear scaling ×\(factor)"
        case .llama3(let factor, _, _, let original): "llama3 scaling ×\(factor) from \(original)"
        case .frequencyFactors(let factors): "\(factors.count) per-pair frequency factors"
        }
    }

    static func json(_ summary: ModelSummary) throws -> String {
        var object: [String: Any] = [
            "file": summary.path, "format": summary.format, "file_bytes": summary.fileByteCount,
            "parameters": summary.parameterCount, "tensor_types": summary.tensorTypes,
            "runnable": summary.isRunnable, "problems": summary.problems,
        ]
        object["name"] = summary.name
        object["architecture"] = summary.architecture
        object["tokenizer_problem"] = summary.tokenizerProblem
        if let c = summary.configuration { object["configuration"] = configurationObject(c) }
        if let t = summary.tokenizer {
            var tokenizer: [String: Any] = ["source": t.source, "vocabulary_size": t.vocabularySize]
            tokenizer["kind"] = t.kind
            tokenizer["bos"] = t.beginningOfSequence
            tokenizer["eos"] = t.endOfSequence
            object["tokenizer"] = tokenizer
        }
        if let template = summary.chatTemplate {
            var chat: [String: Any] = ["style": template.style]
            chat["default_system_message"] = template.defaultSystemMessage
            object["chat_template"] = chat
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func configurationObject(_ c: LlamaConfiguration) -> [String: Any] {
        ["context_length": c.contextLength, "block_count": c.blockCount, "embedding_length": c.embeddingLength,
         "feed_forward_length": c.feedForwardLength, "head_count": c.headCount,
         "key_value_head_count": c.keyValueHeadCount, "head_dimension": c.headDimension,
         "vocabulary_size": c.vocabularySize, "rope_frequency_base": c.ropeFrequencyBase,
         "rope_scaling": scaling(c.ropeScaling), "rms_norm_epsilon": Double(c.rmsNormEpsilon),
         "tied_embeddings": c.tiesEmbeddings]
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
    private static func millions(_ count: Int) -> String { String(format: "%.1f", Double(count) / 1e6) }
}
