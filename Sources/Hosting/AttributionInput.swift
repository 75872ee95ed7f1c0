import Ledger
import Tokenizers

/// The token ids a receipt's attribution is computed over, derived from the revealed texts
/// alone so that any peer with the base tokenizer derives the same ones (docs/attribution.md,
/// "Verification at peers"). The ids the model saw may differ: a prompt sent as token ids or
/// with a beginning-of-sequence token, an output whose generated pieces encode differently.
public enum AttributionInput {
    /// The longest prompt or output text, in UTF-8 bytes, a host reveals and a peer fetches.
    public static let revealByteCountMax = InferenceReceipt.revealByteCountMax

    /// The output's tokens: the text encoded as plain text (no special tokens added, none
    /// parsed), the way datanet payloads are encoded for the span index.
    public static func outputTokens(of text: String, tokenizer: Tokenizer) -> [Int] {
        tokenizer.encode(text, addingSpecialTokens: false, parsingSpecialTokens: false)
    }

    /// The prompt's tokens: the text encoded with no special tokens added but those it spells
    /// parsed (a chat template's rendering spells its turn markers), the query's context.
    public static func promptTokens(of text: String, tokenizer: Tokenizer) -> [Int] {
        tokenizer.encode(text, addingSpecialTokens: false, parsingSpecialTokens: true)
    }
}
