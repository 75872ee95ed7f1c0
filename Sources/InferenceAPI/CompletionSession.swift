import Synchronization
import Tokenizers

/// One generation's text as it is produced: token ids decoded as they arrive, stop strings
/// found, and what may be released to the client. The scheduler's thread calls `accept`;
/// the event loop calls `finish`. Thread-safe.
final class CompletionSession: Sendable {
    private struct State {
        var decoder: StreamingDecoder
        var matcher: StopTextMatcher
        var tokens: [Int] = []
        var text = ""
    }

    private let state: Mutex<State>

    init(tokenizer: Tokenizer, stopStrings: [String]) {
        state = Mutex(State(decoder: tokenizer.makeStreamingDecoder(skippingSpecialTokens: true),
                            matcher: StopTextMatcher(stopStrings)))
    }

    /// Takes a generated token; returns the text it releases and whether generation should
    /// go on (false once a stop string has matched).
    func accept(_ token: Int) -> (text: String, continues: Bool) {
        state.withLock { state in
            guard !state.matcher.hasMatched else { return ("", false) }
            state.tokens.append(token)
            let piece = state.decoder.append(token) ?? ""
            let released = piece.isEmpty ? "" : state.matcher.append(piece)
            state.text += released
            return (released, !state.matcher.hasMatched)
        }
    }

    /// Ends the session: the text still held back, every token taken, the whole text, and
    /// whether a stop string ended it.
    func finish() -> (text: String, tokens: [Int], wholeText: String, stoppedByString: Bool) {
        state.withLock { state in
            var rest = ""
            if !state.matcher.hasMatched {
                let tail = state.decoder.finish()
                rest = (tail.isEmpty ? "" : state.matcher.append(tail)) + state.matcher.flush()
            }
            state.text += rest
            return (rest, state.tokens, state.text, state.matcher.hasMatched)
        }
    }
}
