/// Finds OpenAI `stop` strings in generated text as it streams: text that might be the
/// start of a stop string is held back until it is known not to be, and text from the first
/// stop string on is never released. Works on UTF-8 bytes (a stop string matches bytes,
/// whatever the token boundaries).
struct StopTextMatcher: Sendable {
    private let stops: [[UInt8]]
    private var held: [UInt8] = []
    /// Whether a stop string has matched (nothing more is released).
    private(set) var hasMatched = false

    init(_ stops: [String]) {
        self.stops = stops.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    /// Adds generated text; returns the text now safe to release. A complete stop string
    /// ends the text only when no stop string that starts earlier may still complete (with
    /// stops " a " and "a", the text " a" waits: " a " would cut one byte sooner).
    mutating func append(_ text: String) -> String {
        guard !hasMatched else { return "" }
        held += text.utf8
        let pending = held.count - longestSuffixStartingAStop()
        let match = firstMatch()
        if let match, match <= pending {
            return finish(at: match)
        }
        let safe = min(pending, match ?? held.count)
        let released = String(decoding: held[..<safe], as: UTF8.self)
        held.removeFirst(safe)
        return released
    }

    /// The text still held back once the generation ended: up to the earliest complete stop
    /// string, or all of it.
    mutating func flush() -> String {
        guard !hasMatched else { return "" }
        if let match = firstMatch() { return finish(at: match) }
        defer { held = [] }
        return String(decoding: held, as: UTF8.self)
    }

    private mutating func finish(at match: Int) -> String {
        hasMatched = true
        let released = String(decoding: held[..<match], as: UTF8.self)
        held = []
        return released
    }

    /// The byte offset in `held` where the earliest stop string starts, if any.
    private func firstMatch() -> Int? {
        var earliest: Int?
        for stop in stops where stop.count <= held.count {
            for start in 0...(held.count - stop.count) where held[start] == stop[0] {
                if earliest.map({ start >= $0 }) ?? false { break }
                if held[start..<(start + stop.count)].elementsEqual(stop) {
                    earliest = start
                    break
                }
            }
        }
        return earliest
    }

    /// The length of the longest suffix of `held` that is a proper prefix of a stop string.
    private func longestSuffixStartingAStop() -> Int {
        var longest = 0
        for stop in stops {
            for length in stride(from: min(stop.count - 1, held.count), to: longest, by: -1)
                where held.suffix(length).elementsEqual(stop.prefix(length)) {
                longest = length
                break
            }
        }
        return longest
    }
}
