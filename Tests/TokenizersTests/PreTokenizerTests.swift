import Testing
@testable import Tokenizers

/// The pre-tokenizer pipelines against the reference's `pre_tokenize_str` on the corpus, and
/// the individual steps on hand-made cases.
@Suite struct PreTokenizerTests {
    static func pieces(_ steps: [PreTokenizerStep], _ text: String, isAtStart: Bool = true) -> [String] {
        PreTokenizer(steps: steps).pieces(of: text, isAtStart: isAtStart).map { String(String.UnicodeScalarView($0)) }
    }

    @Test(arguments: ["gpt2", "llama3", "smollm2"], TokenizerTests.Format.allCases)
    func piecesEqualTheReference(family: String, format: TokenizerTests.Format) throws {
        let tokenizer = try TokenizerTests.load(family, format)
        let cases = TokenizerFixtures.expected.families[family]!.cases
        #expect(cases.count >= 120)
        for item in cases {
            let expected = try #require(item.pieces)
            #expect(Self.pieces(tokenizer.preTokenizerSteps, item.text) == expected, "\(family): \(item.text.debugDescription)")
        }
    }

    @Test func byteLevelWritesBytesInTheByteAlphabet() {
        #expect(Self.pieces([.byteLevel(addsPrefixSpace: false, usesRegex: true)], "Hi there\n") == ["Hi", "Ġthere", "Ċ"])
        #expect(Self.pieces([.byteLevel(addsPrefixSpace: true, usesRegex: false)], "é") == ["ĠÃ©"])
    }

    @Test func digitsSplitEachNumberOrRuns() {
        #expect(Self.pieces([.digits(individually: true)], "ab123c") == ["ab", "1", "2", "3", "c"])
        #expect(Self.pieces([.digits(individually: false)], "ab123c4") == ["ab", "123", "c", "4"])
    }

    @Test func metaspaceReplacesPrependsAndSplits() {
        let always = PreTokenizerStep.metaspace(replacement: "▁", prependScheme: .always, splits: true)
        #expect(Self.pieces([always], "a  b") == ["▁a", "▁", "▁b"])
        #expect(Self.pieces([always], " a") == ["▁a"])
        let first = PreTokenizerStep.metaspace(replacement: "▁", prependScheme: .first, splits: false)
        #expect(Self.pieces([first], "a b", isAtStart: true) == ["▁a▁b"])
        #expect(Self.pieces([first], "a b", isAtStart: false) == ["a▁b"])
        let never = PreTokenizerStep.metaspace(replacement: "▁", prependScheme: .never, splits: true)
        #expect(Self.pieces([never], "ab c") == ["ab", "▁c"])
    }

    @Test func emptyTextHasNoPieces() {
        for steps: [PreTokenizerStep] in [[], [.split(.llama3)], [.digits(individually: true)],
                                          [.byteLevel(addsPrefixSpace: false, usesRegex: true)]] {
            #expect(Self.pieces(steps, "").isEmpty)
        }
    }
}
