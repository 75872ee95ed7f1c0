/// The tokens of a tokenizer by id, and the ids by token text. Ids are dense: 0 ..< count.
/// Where a text appears more than once (some GGUF vocabularies repeat padding tokens), the
/// last id wins for lookups, as in llama.cpp. Lookups compare UTF-8 bytes, not Swift's
/// canonical equivalence, so "é" and "e\u{301}" are different tokens, as in the references.
public struct Vocabulary: Sendable {
    /// Every token's text, by id (byte-level vocabularies store GPT-2's byte alphabet,
    /// SentencePiece ones "▁" for spaces and `<0xNN>` for bytes).
    public let tokens: [String]
    private let ids: [TokenKey: Int]
    private let scalarIDs: [UInt32: Int]

    /// A vocabulary of `tokens`, ids in order.
    public init(tokens: [String]) {
        self.tokens = tokens
        var ids: [TokenKey: Int] = [:]
        var scalarIDs: [UInt32: Int] = [:]
        ids.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() {
            ids[TokenKey(token)] = id
            let scalars = token.unicodeScalars
            if scalars.count == 1 { scalarIDs[scalars.first!.value] = id }
        }
        self.ids = ids
        self.scalarIDs = scalarIDs
    }

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// The id of the token whose text is `token`.
    public func id(for token: String) -> Int? { ids[TokenKey(token)] }

    /// The id of the one-scalar token `scalar`.
    func id(for scalar: Unicode.Scalar) -> Int? { scalarIDs[scalar.value] }

    /// The text of token `id`, or nil when there is no such id.
    public func token(for id: Int) -> String? { tokens.indices.contains(id) ? tokens[id] : nil }
}
