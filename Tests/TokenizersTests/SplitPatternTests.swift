import Testing
import TestSupport
@testable import Tokenizers

/// The hand-written matchers of the GPT-2 and Llama-3 patterns on cases that exercise each
/// alternative (the corpus comparison with the reference is in PreTokenizerTests).
@Suite struct SplitPatternTests {
    static func split(_ pattern: SplitPattern, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return pattern.split(scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func patternsAreKnownByTheirText() {
        for pattern in SplitPattern.allCases { #expect(SplitPattern(regex: pattern.regex) == pattern) }
        #expect(SplitPattern(regex: "\\s+") == nil)
    }

    @Test func gpt2() {
        #expect(Self.split(.gpt2, "I'm here, they'll see") == ["I", "'m", " here", ",", " they", "'ll", " see"])
        #expect(Self.split(.gpt2, "IT'S 2024!!") == ["IT", "'", "S", " 2024", "!!"])
        #expect(Self.split(.gpt2, "a   b") == ["a", "  ", " b"])
        #expect(Self.split(.gpt2, "a \n b  ") == ["a", " \n", " b", "  "])
        #expect(Self.split(.gpt2, "x\ty") == ["x", "\t", "y"])
        #expect(Self.split(.gpt2, "naïve 你好") == ["naïve", " 你好"])
    }

    @Test func llama3() {
        #expect(Self.split(.llama3, "IT'S 12345!") == ["IT", "'S", " ", "123", "45", "!"])
        #expect(Self.split(.llama3, "ſ'ſ") == ["ſ", "'ſ"])
        #expect(Self.split(.llama3, "\thello (x)\n\n y") == ["\thello", " (", "x", ")\n\n", " y"])
        #expect(Self.split(.llama3, "a \n \n  b") == ["a", " \n \n", " ", " b"])
        #expect(Self.split(.llama3, "end   ") == ["end", "   "])
    }

    @Test func everyScalarLandsInExactlyOnePiece() {
        var generator = SeededGenerator.make(for: "everyScalarLandsInExactlyOnePiece")
        let pool = Array(" \t\n\r'sSab1²!é你😀\u{301}\u{A0}")
        for _ in 0..<200 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in pool.randomElement()! })
            for pattern in SplitPattern.allCases {
                let pieces = Self.split(pattern, text)
                #expect(pieces.joined() == text)
                #expect(!pieces.contains(""))
            }
        }
    }
}
