/// Which positions of a forward pass produce logits.
public enum LogitsSelection: Sendable, Equatable {
    /// Only the last token's: what decoding and generation need.
    case last
    /// Every token's, in order (prompt scoring, tests).
    case all
}
