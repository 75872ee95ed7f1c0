import Testing
import Tokenizers

/// The streaming decoder: its pieces add up to the reference's stream, and it holds back
/// incomplete characters.
@Suite struct StreamingDecoderTests {
    @Test(arguments: TokenizerFixtures.families, TokenizerTests.Format.allCases)
    func piecesAddUpToTheReferenceStream(family: String, format: TokenizerTests.Format) throws {
        let tokenizer = try TokenizerTests.load(family, format)
        for item in TokenizerTests.cases(family, format) {
            var decoder = tokenizer.makeStreamingDecoder()
            var text = ""
            for id in item.ids {
                if let piece = decoder.append(id) { text += piece }
            }
            #expect(text == item.stream_decoded, "\(family) \(format): \(item.text.debugDescription)")
            #expect(text + decoder.finish() == item.decoded, "\(family) \(format): \(item.text.debugDescription)")
        }
    }

    @Test func aCharacterSplitOverByteTokensComesOutWhole() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("llama2")
        let ids = ["<0xF0>", "<0x9F>", "<0x98>", "<0x80>"].compactMap(tokenizer.vocabulary.id(for:))
        var decoder = tokenizer.makeStreamingDecoder()
        #expect(ids.prefix(3).map { decoder.append($0) } == [nil, nil, nil])
        #expect(decoder.append(ids[3]) == "😀")
        #expect(decoder.finish() == "")
    }

    @Test func finishFlushesIncompleteBytesAsReplacementCharacters() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("gpt2")
        let byte = try #require(tokenizer.vocabulary.id(for: "ð"))  // 0xF0, a four-byte lead
        var decoder = tokenizer.makeStreamingDecoder()
        #expect(decoder.append(byte) == nil)
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(decoder.append(tokenizer.encode("ok", addingSpecialTokens: false)[0]) != nil)
    }

    @Test func specialTokensCanBeSkipped() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("smollm2")
        var decoder = tokenizer.makeStreamingDecoder(skippingSpecialTokens: true)
        let ids = tokenizer.encode("<|im_start|>Hi<|im_end|>")
        let text = ids.compactMap { decoder.append($0) }.joined() + decoder.finish()
        #expect(text == "Hi")
    }
}
