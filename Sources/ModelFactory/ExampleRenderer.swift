import LoRATraining
import Tokenizers

/// Turns one Datanet document into training examples.
///
/// Plain text is encoded with the tokenizer's special tokens added (its BOS), without
/// parsing special tokens written in the text (a document cannot forge control tokens), and
/// ends with the EOS token when the tokenizer has one. Text longer than the sequence length
/// is cut into windows of `sequenceLength` tokens that overlap by one token, so that every
/// token after the first is a target exactly once. Prompt/response rows are rendered through
/// the chat template as a user turn and an assistant turn; the prompt's tokens (up to and
/// including the opening of the assistant's turn) are masked out of the loss.
public struct ExampleRenderer: Sendable {
    /// The tokenizer.
    public let tokenizer: Tokenizer
    /// The chat template rows are rendered with (nil: rows are refused).
    public let template: ChatTemplate?
    /// The most tokens an example may have.
    public let sequenceLength: Int

    /// A renderer; `template` defaults to the one recognised in the tokenizer's own.
    public init(tokenizer: Tokenizer, template: ChatTemplate? = nil, sequenceLength: Int) {
        precondition(sequenceLength >= 2, "a sequence needs a token to predict from")
        self.tokenizer = tokenizer
        self.template = template ?? tokenizer.chatTemplate
        self.sequenceLength = sequenceLength
    }

    /// The examples of `document`; empty when it has no usable text (not UTF-8, blank, or too
    /// short to predict anything). Throws for a row longer than the sequence length, and for
    /// rows without a chat template.
    public func examples(of document: DatanetDocument) throws(ModelFactoryError) -> [TrainingExample] {
        if let rows = PromptResponseRow.rows(in: document.payload) {
            var examples: [TrainingExample] = []
            for row in rows { examples.append(try example(of: row, from: document)) }
            return examples
        }
        guard let text = String(validating: document.payload, as: UTF8.self),
              text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return [] }
        var tokens = tokenizer.encode(text, addingSpecialTokens: true, parsingSpecialTokens: false)
        if let end = tokenizer.specialTokens.endOfSequence, tokens.last != end { tokens.append(end) }
        return windows(of: tokens).map { TrainingExample(contentHash: document.contentHash, sequence: $0) }
    }

    /// `tokens` as windows of at most `sequenceLength` tokens, overlapping by one.
    func windows(of tokens: [Int]) -> [TrainingSequence] {
        guard tokens.count >= 2 else { return [] }
        var sequences: [TrainingSequence] = []
        var start = 0
        while true {
            let end = min(start + sequenceLength, tokens.count)
            sequences.append(TrainingSequence(tokens: Array(tokens[start..<end])))
            if end == tokens.count { return sequences }
            start = end - 1
        }
    }

    private func example(of row: PromptResponseRow, from document: DatanetDocument) throws(ModelFactoryError)
        -> TrainingExample {
        guard let template else {
            throw ModelFactoryError(.invalidData, "document \(document.contentHashHex) holds prompt/response rows, but the "
                                    + "tokenizer has no chat template this runtime renders; choose one")
        }
        let beginning = tokenizer.specialTokens.beginningOfSequence.flatMap(tokenizer.vocabulary.token(for:)) ?? ""
        let end = tokenizer.specialTokens.endOfSequence.flatMap(tokenizer.vocabulary.token(for:)) ?? ""
        let promptText: String, fullText: String
        do {
            promptText = try template.render([.user(row.prompt)], addingGenerationPrompt: true,
                                             beginningOfSequence: beginning, endOfSequence: end)
            fullText = try template.render([.user(row.prompt), .assistant(row.response)], addingGenerationPrompt: false,
                                           beginningOfSequence: beginning, endOfSequence: end)
        } catch {
            throw ModelFactoryError(.invalidData, "document \(document.contentHashHex): \(error.message)")
        }
        guard fullText.unicodeScalars.starts(with: promptText.unicodeScalars) else {
            throw ModelFactoryError(.invalidData, "document \(document.contentHashHex): the chat template's prompt is not "
                                    + "a prefix of the whole conversation, so the prompt cannot be masked")
        }
        let promptTokens = tokenizer.encode(promptText, addingSpecialTokens: false)
        let responseText = String(fullText.unicodeScalars.dropFirst(promptText.unicodeScalars.count))
        let responseTokens = tokenizer.encode(responseText, addingSpecialTokens: false)
        let tokens = promptTokens + responseTokens
        guard tokens.count <= sequenceLength else {
            throw ModelFactoryError(.sequenceTooLong, "document \(document.contentHashHex) has a prompt/response row of "
                                    + "\(tokens.count) tokens; the sequence length is \(sequenceLength): shorten the "
                                    + "row or raise the sequence length")
        }
        // Index 0 is never a target, even when the template writes no prompt tokens.
        let mask = tokens.indices.map { $0 >= promptTokens.count && $0 > 0 }
        return TrainingExample(contentHash: document.contentHash, sequence: TrainingSequence(tokens: tokens, targetMask: mask))
    }
}
