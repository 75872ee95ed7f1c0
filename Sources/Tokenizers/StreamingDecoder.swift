/// Decodes ids that arrive one at a time (a model generating) into text that is safe to show:
/// it emits only when the text has grown and does not end in U+FFFD, so a character whose UTF-8
/// is spread over several byte tokens comes out whole, and decoders that strip a leading space
/// strip it only at the very start. The method is that of `tokenizers`' DecodeStream: decode a
/// short window of recent ids and emit what it adds beyond the previous window's text.
public struct StreamingDecoder: Sendable {
    private let tokenizer: Tokenizer
    private let skippingSpecialTokens: Bool
    private var ids: [Int] = []
    private var prefix = ""
    private var prefixIndex = 0

    init(tokenizer: Tokenizer, skippingSpecialTokens: Bool) {
        self.tokenizer = tokenizer
        self.skippingSpecialTokens = skippingSpecialTokens
    }

    /// Adds `id`; returns the text it completes, or nil while a character is still incomplete.
    public mutating func append(_ id: Int) -> String? {
        ids.append(id)
        let text = tokenizer.decode(ids, skippingSpecialTokens: skippingSpecialTokens)
        guard text.utf8.count > prefix.utf8.count, text.unicodeScalars.last != "\u{FFFD}" else { return nil }
        let shared = Self.sharedPrefixCount(prefix, text)
        let new = String(decoding: Array(text.utf8)[shared...], as: UTF8.self)
        let newPrefixIndex = ids.count - prefixIndex
        ids.removeFirst(prefixIndex)
        prefix = tokenizer.decode(ids, skippingSpecialTokens: skippingSpecialTokens)
        prefixIndex = newPrefixIndex
        return new
    }

    /// The text still held back (incomplete UTF-8 at the end, shown as U+FFFD); the decoder is
    /// empty afterwards.
    public mutating func finish() -> String {
        let text = tokenizer.decode(ids, skippingSpecialTokens: skippingSpecialTokens)
        let shared = Self.sharedPrefixCount(prefix, text)
        ids.removeAll()
        prefix = ""
        prefixIndex = 0
        return String(decoding: Array(text.utf8)[shared...], as: UTF8.self)
    }

    /// The length in bytes of the longest common prefix of `a` and `b` that ends on a scalar
    /// boundary of `b` (normally all of `a`: the window's text starts with its prefix's text).
    private static func sharedPrefixCount(_ a: String, _ b: String) -> Int {
        if b.utf8.starts(with: a.utf8) { return a.utf8.count }
        var count = 0
        for (left, right) in zip(a.unicodeScalars, b.unicodeScalars) {
            guard left == right else { break }
            count += UTF8.width(right)
        }
        return count
    }
}
