/// A chat template this runtime renders itself (no Jinja engine): the ChatML layout and the
/// Llama-2 layout, recognised in a model's Jinja template text by their markers.
///
///   ChatML   <|im_start|>system\n{system}<|im_end|>\n
///            <|im_start|>{role}\n{content}<|im_end|>\n …  [<|im_start|>assistant\n]
///   Llama-2  {bos}[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST] {assistant} {eos}
///            {bos}[INST] {user} [/INST] …  (contents stripped of surrounding whitespace)
public struct ChatTemplate: Sendable, Equatable {
    /// The two layouts.
    public enum Style: String, Sendable, CaseIterable {
        /// `<|im_start|>role\n…<|im_end|>\n` (SmolLM2, Qwen, many fine-tunes).
        case chatML
        /// `[INST] <<SYS>>\n…\n<</SYS>>\n\n… [/INST]` (Llama-2-chat).
        case llama2
    }

    /// The layout.
    public let style: Style
    /// The system message the template writes when the conversation has none, if any.
    public let defaultSystemMessage: String?

    /// A template of `style`.
    public init(style: Style, defaultSystemMessage: String? = nil) {
        self.style = style
        self.defaultSystemMessage = defaultSystemMessage
    }

    /// The template recognised in Jinja template text by its markers (`<|im_start|>` for
    /// ChatML, `[INST]` for Llama-2), with ChatML's default system message when the text
    /// writes one as a literal; nil when neither marker is present.
    public init?(detectingIn text: String) {
        if text.contains("<|im_start|>") {
            self.init(style: .chatML, defaultSystemMessage: Self.literalSystemMessage(in: text))
        } else if text.contains("[INST]") {
            self.init(style: .llama2)
        } else {
            return nil
        }
    }

    /// `'<|im_start|>system\n…<|im_end|>` written as one Jinja string literal (the newline
    /// either a real one or `\n`); nil when the message is computed rather than literal.
    static func literalSystemMessage(in text: String) -> String? {
        for opening in ["<|im_start|>system\n", "<|im_start|>system\\n"] {
            guard let start = text.firstRange(of: opening)?.upperBound,
                  let end = text[start...].firstRange(of: "<|im_end|>")?.lowerBound else { continue }
            let message = String(text[start..<end])
            let computed = ["{{", "{%", "'", "\"", "\\"].contains { message.contains($0) }
            return computed || message.isEmpty ? nil : message
        }
        return nil
    }

    /// `messages` rendered as the model's prompt. The system message is the caller's choice;
    /// a system-role message may also lead `messages` (it then wins over `system`).
    ///
    /// - Parameters:
    ///   - addingGenerationPrompt: end with the opening of the assistant's turn (ChatML; the
    ///     Llama-2 layout always ends ready for the assistant).
    ///   - beginningOfSequence, endOfSequence: the BOS and EOS tokens' text (Llama-2 writes them).
    /// - Throws: `.invalidConversation` when Llama-2's roles do not alternate user, assistant, ….
    public func render(_ messages: [ChatMessage], system: SystemPrompt = .none, addingGenerationPrompt: Bool = true,
                       beginningOfSequence: String = "<s>", endOfSequence: String = "</s>") throws(TokenizerError) -> String {
        var turns = messages
        var systemMessage: String?
        if let first = turns.first, first.role == .system {
            systemMessage = first.content
            turns.removeFirst()
        } else {
            switch system {
            case .none: systemMessage = nil
            case .templateDefault: systemMessage = defaultSystemMessage
            case .custom(let text): systemMessage = text
            }
        }
        switch style {
        case .chatML:
            return renderChatML(turns, systemMessage: systemMessage, addingGenerationPrompt: addingGenerationPrompt)
        case .llama2:
            return try renderLlama2(turns, systemMessage: systemMessage, beginningOfSequence: beginningOfSequence,
                                    endOfSequence: endOfSequence)
        }
    }

    private func renderChatML(_ turns: [ChatMessage], systemMessage: String?, addingGenerationPrompt: Bool) -> String {
        var text = ""
        if let systemMessage { text += "<|im_start|>system\n\(systemMessage)<|im_end|>\n" }
        for turn in turns { text += "<|im_start|>\(turn.role.rawValue)\n\(turn.content)<|im_end|>\n" }
        if addingGenerationPrompt { text += "<|im_start|>assistant\n" }
        return text
    }

    private func renderLlama2(_ turns: [ChatMessage], systemMessage: String?, beginningOfSequence: String,
                              endOfSequence: String) throws(TokenizerError) -> String {
        var text = ""
        for (index, turn) in turns.enumerated() {
            let expected: ChatRole = index % 2 == 0 ? .user : .assistant
            guard turn.role == expected else {
                throw TokenizerError(.invalidConversation, "Llama-2 conversations alternate user and assistant, "
                                     + "starting with the user; message \(index) is from \(turn.role.rawValue)")
            }
            var content = turn.content
            if index == 0, let systemMessage { content = "<<SYS>>\n\(systemMessage)\n<</SYS>>\n\n" + content }
            let stripped = Self.strippingWhitespace(content)
            if turn.role == .user {
                text += "\(beginningOfSequence)[INST] \(stripped) [/INST]"
            } else {
                text += " \(stripped) \(endOfSequence)"
            }
        }
        return text
    }

    /// `text` without leading and trailing Unicode whitespace (Python's `str.strip()`).
    static func strippingWhitespace(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
