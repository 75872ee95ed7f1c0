import Testing
@testable import Tokenizers

/// GPT-2's byte alphabet (values from GPT-2's encoder.py bytes_to_unicode).
@Suite struct ByteLevelAlphabetTests {
    @Test func knownBytes() {
        #expect(ByteLevelAlphabet.scalars[0x20] == "Ġ")
        #expect(ByteLevelAlphabet.scalars[0x0A] == "Ċ")
        #expect(ByteLevelAlphabet.scalars[0x00] == "Ā")
        #expect(ByteLevelAlphabet.scalars[0x41] == "A")
        #expect(ByteLevelAlphabet.scalars[0x7F] == "ġ")
        #expect(ByteLevelAlphabet.scalars[0xAD] == "Ń")
        #expect(ByteLevelAlphabet.scalars[0xFF] == "ÿ")
    }

    @Test func theTableIsABijection() {
        #expect(Set(ByteLevelAlphabet.scalars).count == 256)
        let all = String(String.UnicodeScalarView(ByteLevelAlphabet.scalars))
        #expect(ByteLevelAlphabet.decode(all) == Array(0...255))
        #expect(ByteLevelAlphabet.encode(Array("é".utf8)) == ["Ã", "©"])
    }

    @Test func scalarsOutsideTheTableAreRefused() {
        #expect(ByteLevelAlphabet.decode(" ") == nil)
        #expect(ByteLevelAlphabet.decode("a\u{144}") == nil)
        #expect(ByteLevelAlphabet.decode("你") == nil)
        #expect(ByteLevelAlphabet.decode("") == [])
    }
}
