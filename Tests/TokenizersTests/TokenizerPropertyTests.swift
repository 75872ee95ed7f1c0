import Foundation
import ModelFiles
import Testing
import TestSupport
import Tokenizers

/// Seeded property tests: random text and ids never trap and round-trip where the tokenizer
/// is lossless; random and mutated files are loaded or refused, never trap.
@Suite struct TokenizerPropertyTests {
    static let alphabet = "abcXYZ 019 \t\n\r'.,!?<>|_-éñß你好Привет😀👍🏽\u{200D}\u{301}\u{A0}\u{3000}²٣▁Ġ<|im_start|><s></s><0x41>"

    @Test(arguments: TokenizerFixtures.families, TokenizerTests.Format.allCases)
    func randomTextRoundTrips(family: String, format: TokenizerTests.Format) throws {
        let tokenizer = try TokenizerTests.load(family, format)
        var generator = SeededGenerator.make(for: "randomTextRoundTrips \(family) \(format)")
        for _ in 0..<200 {
            let text = generator.text(from: Self.alphabet, maximumCount: 40)
            let ids = tokenizer.encode(text, addingSpecialTokens: false, parsingSpecialTokens: false)
            #expect(ids.allSatisfy { tokenizer.vocabulary.token(for: $0) != nil })
            // SentencePiece decoding turns a literal "▁" into a space; everything else is lossless.
            let expected = family == "llama2" ? text.replacingOccurrences(of: "▁", with: " ") : text
            #expect(tokenizer.decode(ids) == expected, "\(text.debugDescription)")
            _ = tokenizer.encode(text)
        }
    }

    @Test(arguments: TokenizerFixtures.families)
    func randomBytesAndIdsNeverTrap(family: String) throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer(family)
        var generator = SeededGenerator.make(for: "randomBytesAndIdsNeverTrap \(family)")
        for _ in 0..<200 {
            let text = String(decoding: generator.bytes(maximumCount: 64), as: UTF8.self)
            _ = tokenizer.encode(text)
            let ids = (0..<Int.random(in: 0...32, using: &generator)).map { _ in
                Int.random(in: -2...(tokenizer.vocabulary.count + 2), using: &generator)
            }
            var decoder = tokenizer.makeStreamingDecoder()
            let streamed = ids.compactMap { decoder.append($0) }.joined() + decoder.finish()
            let whole = tokenizer.decode(ids)
            #expect(streamed.unicodeScalars.count <= whole.unicodeScalars.count + ids.count)
        }
    }

    @Test(arguments: TokenizerFixtures.families)
    func mutatedTokenizerJSONIsLoadedOrRefused(family: String) throws {
        let original = try TokenizerFixtures.bytes("\(family).tokenizer.json")
        var generator = SeededGenerator.make(for: "mutatedTokenizerJSONIsLoadedOrRefused \(family)")
        for _ in 0..<40 {
            let mutated = generator.mutate(original)
            if let tokenizer = try? Tokenizer(tokenizerJSON: mutated) {
                _ = tokenizer.decode(tokenizer.encode("Hello, world! 123 <s> 😀"))
            }
        }
    }

    @Test(arguments: TokenizerFixtures.families)
    func mutatedGGUFIsLoadedOrRefused(family: String) throws {
        let original = try TokenizerFixtures.bytes("\(family).gguf")
        var generator = SeededGenerator.make(for: "mutatedGGUFIsLoadedOrRefused \(family)")
        for _ in 0..<40 {
            let mutated = generator.mutate(original)
            guard let header = try? GGUFFile(bytes: mutated).header else { continue }
            if let tokenizer = try? Tokenizer(gguf: header) {
                _ = tokenizer.decode(tokenizer.encode("Hello, world! 123 <s> 😀"))
            }
        }
    }
}
