import Testing
import Tokenizers

/// The tokenizers against the reference (`tokenizers` 0.23.3) on the committed corpus, for
/// every family, loaded from tokenizer.json and from GGUF.
@Suite struct TokenizerTests {
    enum Format: String, CaseIterable, Sendable { case json, gguf }

    static func load(_ family: String, _ format: Format) throws -> Tokenizer {
        switch format {
        case .json: try TokenizerFixtures.jsonTokenizer(family)
        case .gguf: try TokenizerFixtures.ggufTokenizer(family)
        }
    }

    static func cases(_ family: String, _ format: Format) -> [ExpectedTokenizerValues.Case] {
        TokenizerFixtures.expected.families[family]!.cases.filter { format == .json || $0.gguf }
    }

    @Test(arguments: TokenizerFixtures.families, Format.allCases)
    func idsEqualTheReference(family: String, format: Format) throws {
        let tokenizer = try Self.load(family, format)
        #expect(Self.cases(family, format).count >= 120)
        for item in Self.cases(family, format) {
            #expect(tokenizer.encode(item.text) == item.ids, "\(family) \(format): \(item.text.debugDescription)")
            #expect(tokenizer.encode(item.text, addingSpecialTokens: false) == item.ids_without_special,
                    "\(family) \(format) without special: \(item.text.debugDescription)")
            #expect(tokenizer.encode(item.text, addingSpecialTokens: false, parsingSpecialTokens: false) == item.ids_plain,
                    "\(family) \(format) plain: \(item.text.debugDescription)")
        }
    }

    @Test(arguments: TokenizerFixtures.families, Format.allCases)
    func decodingEqualsTheReference(family: String, format: Format) throws {
        let tokenizer = try Self.load(family, format)
        for item in Self.cases(family, format) {
            #expect(tokenizer.decode(item.ids) == item.decoded, "\(family) \(format): \(item.text.debugDescription)")
            #expect(tokenizer.decode(item.ids, skippingSpecialTokens: true) == item.decoded_skipping_special,
                    "\(family) \(format) skipping special: \(item.text.debugDescription)")
            let roundTrip = tokenizer.decode(tokenizer.encode(item.text, addingSpecialTokens: false))
            #expect((roundTrip == item.text) == item.round_trips, "\(family) \(format): \(item.text.debugDescription)")
        }
    }

    @Test(arguments: TokenizerFixtures.families, Format.allCases)
    func specialTokensAndVocabularyMatchTheReference(family: String, format: Format) throws {
        let tokenizer = try Self.load(family, format)
        let expected = TokenizerFixtures.expected.families[family]!
        #expect(tokenizer.vocabulary.count == expected.vocabulary_count)
        #expect(tokenizer.specialTokens.beginningOfSequence == expected.bos)
        #expect(tokenizer.specialTokens.endOfSequence == expected.eos)
        #expect(tokenizer.prefixIDs == (expected.adds_bos ? [expected.bos] : []))
        #expect(tokenizer.suffixIDs.isEmpty)
    }

    @Test(arguments: TokenizerFixtures.expected.chat.indices)
    func chatIDsEqualTheReference(index: Int) throws {
        let chat = TokenizerFixtures.expected.chat[index]
        for format in Format.allCases {
            let tokenizer = try Self.load(chat.family, format)
            let messages = chat.messages.map { ChatMessage(role: ChatRole(rawValue: $0[0]), content: $0[1]) }
            let system: SystemPrompt = switch chat.system {
            case nil: .none
            case "default": .templateDefault
            case let text?: .custom(text)
            }
            let ids = try tokenizer.encodeChat(messages, system: system, addingGenerationPrompt: chat.add_generation_prompt)
            #expect(ids == chat.ids, "\(chat.family) \(format) \(chat.text.debugDescription)")
        }
    }

    @Test func encodeWithoutSpecialTokensOmitsTheBOS() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("llama2")
        #expect(tokenizer.encode("", addingSpecialTokens: true) == [1])
        #expect(tokenizer.encode("", addingSpecialTokens: false) == [])
        #expect(tokenizer.addsSpecialTokens)
        #expect(try !TokenizerFixtures.jsonTokenizer("smollm2").addsSpecialTokens)
    }

    @Test func specialTokensWrittenLiterallyAreRecognisedUnlessPlain() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("smollm2")
        let start = try #require(tokenizer.vocabulary.id(for: "<|im_start|>"))
        #expect(tokenizer.encode("<|im_start|>", addingSpecialTokens: false) == [start])
        #expect(tokenizer.isSpecial(start))
        let plain = tokenizer.encode("<|im_start|>", addingSpecialTokens: false, parsingSpecialTokens: false)
        #expect(!plain.contains(start))
        #expect(tokenizer.decode(plain) == "<|im_start|>")
    }

    @Test func idsOutsideTheVocabularyAreSkippedWhenDecoding() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("gpt2")
        let hello = tokenizer.encode("hello", addingSpecialTokens: false)
        #expect(tokenizer.decode([-1] + hello + [tokenizer.vocabulary.count, Int.max]) == "hello")
    }
}
