import Foundation
import ModelFiles
import OpenLoRA
import Tokenizers

/// What `oln model info` reports about a model: the file, the architecture's sizes, the
/// tensor types, the tokenizer and the chat template. Parts that cannot be read are absent,
/// with the reason in `problems`.
struct ModelSummary {
    /// The tokenizer's description.
    struct TokenizerSummary {
        var source: String
        var kind: String?
        var vocabularySize: Int
        var beginningOfSequence: String?
        var endOfSequence: String?
    }

    /// The chat template: recognised (`ChatML`, `Llama-2`), not recognised, or absent.
    struct ChatTemplateSummary {
        var style: String
        var defaultSystemMessage: String?
    }

    var path: String
    var format: String
    var name: String?
    var architecture: String?
    var fileByteCount: Int
    var configuration: LlamaConfiguration?
    var parameterCount: Int
    /// Tensors per type name ("Q4_1": 210).
    var tensorTypes: [String: Int]
    var tokenizer: TokenizerSummary?
    var chatTemplate: ChatTemplateSummary?
    /// Why the model's configuration or weights could not be read, or why the runtime cannot
    /// run them.
    var problems: [String] = []
    /// Why the tokenizer could not be read (a model can still run with `--tokenizer`).
    var tokenizerProblem: String?

    /// Whether `oln model run` can run the model (a configuration and weights the runtime accepts).
    var isRunnable: Bool { configuration != nil && problems.isEmpty }

    /// The chat template summary of a tokenizer's template text.
    static func chatTemplate(of tokenizer: Tokenizer) -> ChatTemplateSummary? {
        guard tokenizer.chatTemplateText != nil else { return nil }
        guard let template = tokenizer.chatTemplate else { return ChatTemplateSummary(style: "not recognised") }
        let style = template.style == .chatML ? "ChatML" : "Llama-2"
        return ChatTemplateSummary(style: style, defaultSystemMessage: template.defaultSystemMessage)
    }

    /// The tokenizer summary of a loaded tokenizer.
    static func tokenizerSummary(_ tokenizer: Tokenizer, source: String, kind: String?) -> TokenizerSummary {
        let name = { (id: Int?) in id.flatMap { tokenizer.vocabulary.token(for: $0) } }
        return TokenizerSummary(source: source, kind: kind, vocabularySize: tokenizer.vocabulary.count,
                                beginningOfSequence: name(tokenizer.specialTokens.beginningOfSequence),
                                endOfSequence: name(tokenizer.specialTokens.endOfSequence))
    }

    /// The size of the file at `path` in bytes (0 when it cannot be read).
    static func byteCount(of path: String) -> Int {
        let file = (path as NSString).resolvingSymlinksInPath
        return ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
