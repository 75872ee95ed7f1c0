import Testing
@testable import Tokenizers

/// The vocabulary's lookups.
@Suite struct VocabularyTests {
    @Test func lookupsCompareBytesNotCanonicalEquivalence() {
        let vocabulary = Vocabulary(tokens: ["é", "e\u{301}", "e", "\u{301}"])
        #expect(vocabulary.id(for: "é") == 0)
        #expect(vocabulary.id(for: "e\u{301}") == 1)
        #expect(vocabulary.id(for: "\u{301}" as Unicode.Scalar) == 3)
        #expect(vocabulary.count == 4)
    }

    @Test func theLastOfRepeatedTokensWinsAndUnknownIdsAreNil() {
        let vocabulary = Vocabulary(tokens: ["[PAD]", "a", "[PAD]"])
        #expect(vocabulary.id(for: "[PAD]") == 2)
        #expect(vocabulary.token(for: 0) == "[PAD]")
        #expect(vocabulary.token(for: 3) == nil)
        #expect(vocabulary.token(for: -1) == nil)
        #expect(vocabulary.id(for: "b") == nil)
    }
}
