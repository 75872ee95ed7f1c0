import Testing
@testable import Tokenizers

/// BPE on hand-made vocabularies where the merge order decides the result.
@Suite struct BytePairModelTests {
    static func encode(_ model: BytePairModel, _ text: String) -> [String] {
        var ids: [Int] = []
        model.encode(Array(text.unicodeScalars), into: &ids)
        return ids.map { model.vocabulary.tokens[$0] }
    }

    static func rankModel(_ tokens: [String], merges: [(String, String)], ignoresMerges: Bool = false) -> BytePairModel {
        let vocabulary = Vocabulary(tokens: tokens)
        var table: [UInt64: BytePairModel.Merge] = [:]
        for (rank, (left, right)) in merges.enumerated() {
            let key = BytePairModel.pairKey(vocabulary.id(for: left)!, vocabulary.id(for: right)!)
            table[key] = BytePairModel.Merge(rank: rank, result: vocabulary.id(for: left + right)!)
        }
        return BytePairModel(vocabulary: vocabulary, ordering: .rank(table), byteFallback: true,
                             unknownID: vocabulary.id(for: "<unk>"), fusesUnknown: true, ignoresMerges: ignoresMerges)
    }

    @Test func lowerRankMergesFirst() {
        let tokens = ["a", "b", "c", "ab", "bc", "abc"]
        #expect(Self.encode(Self.rankModel(tokens, merges: [("b", "c"), ("a", "b")]), "abc") == ["a", "bc"])
        #expect(Self.encode(Self.rankModel(tokens, merges: [("a", "b"), ("ab", "c")]), "abc") == ["abc"])
    }

    @Test func equalRanksMergeLeftmostFirst() {
        let model = Self.rankModel(["a", "aa"], merges: [("a", "a")])
        #expect(Self.encode(model, "aaa") == ["aa", "a"])
    }

    @Test func ignoringMergesTakesWholeTokens() {
        let tokens = ["a", "b", "c", "ab", "abc"]
        #expect(Self.encode(Self.rankModel(tokens, merges: [("a", "b")], ignoresMerges: true), "abc") == ["abc"])
        #expect(Self.encode(Self.rankModel(tokens, merges: [("a", "b")]), "abc") == ["ab", "c"])
    }

    @Test func unknownScalarsFallBackToBytesOrFuseIntoTheUnknownToken() {
        let withBytes = Self.rankModel(["<unk>", "a"] + (0..<256).map(BytePairModel.byteTokenText), merges: [])
        #expect(Self.encode(withBytes, "aé") == ["a", "<0xC3>", "<0xA9>"])
        let withoutBytes = Self.rankModel(["<unk>", "a"], merges: [])
        #expect(Self.encode(withoutBytes, "éé a ü") == ["<unk>", "a", "<unk>"])
    }

    @Test func scoreOrderMergesTheHighestScoringTokenFirst() {
        let vocabulary = Vocabulary(tokens: ["a", "b", "c", "ab", "bc", "<0x63>"])
        func model(_ scores: [Float]) -> BytePairModel {
            BytePairModel(vocabulary: vocabulary, ordering: .score(scores, mergeable: [true, true, true, true, true, false]),
                          byteFallback: true, unknownID: nil, fusesUnknown: false, ignoresMerges: false)
        }
        #expect(Self.encode(model([0, 0, 0, -1, -2, 0]), "abc") == ["ab", "c"])
        #expect(Self.encode(model([0, 0, 0, -2, -1, 0]), "abc") == ["a", "bc"])
        #expect(Self.encode(model([0, 0, 0, -1, -1, 0]), "abc") == ["ab", "c"])
        #expect(Self.encode(model([0, 0, 0, -1, -2, 0]), "d") == [])
    }

    @Test func byteTokenTextIsUpperCaseHex() {
        #expect(BytePairModel.byteTokenText(0) == "<0x00>")
        #expect(BytePairModel.byteTokenText(0xAB) == "<0xAB>")
    }

    @Test func descendingPriorityOrdersScoresHighestFirst() {
        let scores: [Float] = [3, 0.5, 0, -0.0, -1, -1000, -.infinity]
        let priorities = scores.map(BytePairModel.descending)
        #expect(priorities == priorities.sorted())
    }
}
