/// Watches generated tokens for stop sequences and decides which tokens are safe to stream:
/// a token is held back while it might begin a stop sequence, so that no token of a matched
/// stop sequence is ever streamed.
struct StopSequenceMatcher {
    let sequences: [[Int]]
    private(set) var tokens: [Int] = []
    private(set) var releasedCount = 0

    init(_ sequences: [[Int]]) {
        self.sequences = sequences
    }

    /// Adds a generated token. Returns the tokens now safe to stream and the stop sequence
    /// the output ends with, if any (then the tokens before it are released and the rest
    /// dropped).
    mutating func append(_ token: Int) -> (released: ArraySlice<Int>, matched: [Int]?) {
        tokens.append(token)
        let endsWith = { (sequence: [Int]) in
            self.tokens.count >= sequence.count && self.tokens.suffix(sequence.count).elementsEqual(sequence)
        }
        if let match = sequences.first(where: endsWith) {
            return (release(upTo: tokens.count - match.count), match)
        }
        return (release(upTo: tokens.count - heldCount()), nil)
    }

    /// Releases every token still held (generation ended for another reason).
    mutating func flush() -> ArraySlice<Int> {
        release(upTo: tokens.count)
    }

    private mutating func release(upTo end: Int) -> ArraySlice<Int> {
        guard end > releasedCount else { return [] }
        defer { releasedCount = end }
        return tokens[releasedCount..<end]
    }

    /// The length of the longest suffix of the output that is a proper prefix of a stop sequence.
    private func heldCount() -> Int {
        var held = 0
        for sequence in sequences {
            var length = min(sequence.count - 1, tokens.count)
            while length > held {
                if tokens.suffix(length).elementsEqual(sequence.prefix(length)) {
                    held = length
                    break
                }
                length -= 1
            }
        }
        return held
    }
}
