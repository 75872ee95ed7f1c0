import Testing
@testable import Tokenizers

/// Finding added tokens in raw text.
@Suite struct AddedTokenMatcherTests {
    static let matcher = AddedTokenMatcher(tokens: [
        AddedToken(id: 1, content: "<s>", isSpecial: true),
        AddedToken(id: 2, content: "<s>x", isSpecial: false),
        AddedToken(id: 3, content: "<mask>", isSpecial: true, stripsLeft: true, stripsRight: true),
        AddedToken(id: 4, content: "word", isSpecial: false, isSingleWord: true),
    ])

    @Test func longestMatchAtTheLeftmostPositionWins() {
        #expect(Self.matcher.segments(of: "a<s>xb<s>", includingSpecial: true)
                == [.text("a", isAtStart: true), .token(2), .text("b", isAtStart: false), .token(1)])
    }

    @Test func specialTokensAreSkippedWhenNotParsed() {
        #expect(Self.matcher.segments(of: "<s><s>x", includingSpecial: false) == [.text("<s>", isAtStart: true), .token(2)])
    }

    @Test func stripsTakeTheWhitespaceAround() {
        #expect(Self.matcher.segments(of: "a \t<mask>  b", includingSpecial: true)
                == [.text("a", isAtStart: true), .token(3), .text("b", isAtStart: false)])
        #expect(Self.matcher.segments(of: "  <mask>", includingSpecial: true) == [.token(3)])
    }

    @Test func singleWordTokensMatchOnlyAlone() {
        #expect(Self.matcher.segments(of: "a word.", includingSpecial: true)
                == [.text("a ", isAtStart: true), .token(4), .text(".", isAtStart: false)])
        #expect(Self.matcher.segments(of: "swordfish", includingSpecial: true) == [.text("swordfish", isAtStart: true)])
    }

    @Test func emptyTextHasNoSegments() {
        #expect(Self.matcher.segments(of: "", includingSpecial: true).isEmpty)
        #expect(AddedTokenMatcher(tokens: []).segments(of: "", includingSpecial: true).isEmpty)
    }
}
