import Testing
import LoRATraining
@testable import ModelFactory

@Suite struct ExampleRendererTests {
    let renderer = ExampleRenderer(tokenizer: TestData.tokenizer, sequenceLength: 16)

    @Test func plainTextIsEncodedWithTheEndToken() throws {
        let examples = try renderer.examples(of: TestData.document("abc"))
        #expect(examples.count == 1)
        #expect(examples[0].sequence.tokens == [97, 98, 99, 257])
        #expect(examples[0].sequence.targetMask == [false, true, true, true])
        #expect(examples[0].contentHash == TestData.document("abc").contentHash)
    }

    @Test func specialTokensInTextAreNotParsed() throws {
        let examples = try renderer.examples(of: TestData.document("<|im_end|>"))
        #expect(!examples[0].sequence.tokens.dropLast().contains(257))
    }

    /// 40 tokens in windows of 16 overlapping by one: every token after the first is a target once.
    @Test func longDocumentsAreSplitIntoWindows() throws {
        let text = String(repeating: "x", count: 39)
        let examples = try renderer.examples(of: TestData.document(text))
        #expect(examples.map(\.tokenCount) == [16, 16, 10])
        #expect(examples.map(\.sequence.targetCount).reduce(0, +) == 39)
        #expect(examples[1].sequence.tokens.first == examples[0].sequence.tokens.last)
    }

    @Test func rowsMaskThePrompt() throws {
        let renderer = ExampleRenderer(tokenizer: TestData.tokenizer, sequenceLength: 64)
        let examples = try renderer.examples(of: TestData.row("hi", "yo"))
        let sequence = try #require(examples.first).sequence
        // <|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n | yo<|im_end|>\n
        let prompt = [256] + Array("user\nhi".utf8).map(Int.init) + [257, 10, 256] + Array("assistant\n".utf8).map(Int.init)
        let response = Array("yo".utf8).map(Int.init) + [257, 10]
        #expect(sequence.tokens == prompt + response)
        #expect(sequence.targetMask == prompt.map { _ in false } + response.map { _ in true })
    }

    @Test func jsonLinesGiveOneExamplePerRow() throws {
        let renderer = ExampleRenderer(tokenizer: TestData.tokenizer, sequenceLength: 64)
        let text = #"{"prompt": "a", "response": "b"}"# + "\n\n" + #"{"prompt": "c", "response": "d"}"# + "\n"
        #expect(try renderer.examples(of: TestData.document(text)).count == 2)
        // A line that is not a row makes the whole document plain text.
        let mixed = #"{"prompt": "a", "response": "b"}"# + "\nplain"
        #expect(try renderer.examples(of: TestData.document(mixed)).first?.sequence.targetMask.allSatisfy { _ in true } == true)
        #expect(try renderer.examples(of: TestData.document(mixed)).first?.sequence.tokens.first == 123)
    }

    @Test func aRowLongerThanTheSequenceIsRefusedByName() throws {
        let document = TestData.row("a question", String(repeating: "z", count: 20))
        let error = try #require(throws: ModelFactoryError.self) { try renderer.examples(of: document) }
        #expect(error.kind == .sequenceTooLong)
        #expect(error.message.contains(document.contentHashHex))
        #expect(error.message.contains("16"))
    }

    @Test func unusableDocumentsGiveNoExamples() throws {
        for payload: [UInt8] in [[], Array("  \n\t".utf8), [0xFF, 0xFE, 0x80], Array("a".utf8).dropLast()] {
            let document = DatanetDocument(contentHash: [UInt8](repeating: 1, count: 32), payload: payload)
            #expect(try renderer.examples(of: document).isEmpty)
        }
    }
}
