/// One step of a normalizer, applied to the text between added tokens before it is
/// pre-tokenized (Llama-2 and TinyLlama: prepend "▁", then replace every space with "▁").
public enum NormalizerStep: Sendable, Equatable {
    /// `Prepend`: `prefix` before non-empty text.
    case prepend(String)
    /// `Replace` with a plain string pattern: every occurrence of `pattern` becomes `content`.
    case replace(pattern: String, content: String)

    /// `text` after this step.
    func apply(to text: String) -> String {
        switch self {
        case .prepend(let prefix):
            return text.isEmpty ? text : prefix + text
        case .replace(let pattern, let content):
            return Self.replacing(pattern, with: content, in: text)
        }
    }

    /// Replaces occurrences of `pattern` in `text`, scanning UTF-8 left to right without overlap
    /// (Foundation-free, and by bytes, not by Characters, so combining marks cannot hide a match).
    static func replacing(_ pattern: String, with content: String, in text: String) -> String {
        let needle = Array(pattern.utf8)
        guard !needle.isEmpty else { return text }
        let haystack = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if haystack[index] == needle[0], haystack.count - index >= needle.count,
               haystack[index..<(index + needle.count)].elementsEqual(needle) {
                output.append(contentsOf: content.utf8)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
