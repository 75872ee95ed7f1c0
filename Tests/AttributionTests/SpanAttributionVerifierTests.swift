import Testing
import TestSupport
import Attribution

@Suite("SpanAttributionVerifier")
struct SpanAttributionVerifierTests {
    static func fixture() throws -> (SpanIndex, [UInt32], SpanAttributionResult) {
        var generator = SeededGenerator.make(for: "SpanAttributionVerifier")
        let documents = (0..<10).map { _ in AttributionFixtures.randomTokens(300, vocabulary: 2_000, using: &generator) }
        let index = try AttributionFixtures.index(documents)
        let output = Array(documents[3][10..<60]) + Array(documents[7][100..<130]) + Array(documents[1][0..<20])
        return (index, output, SpanAttribution.attribute(output, index: index))
    }

    @Test("an honest receipt is confirmed, including by a peer holding its own copy of the index")
    func honest() throws {
        let (index, output, result) = try Self.fixture()
        #expect(result.weights.count == 3)
        let verification = SpanAttributionVerifier.verify(method: "span/1", attributionRoot: result.indexRoot,
                                                          attribution: result.weights, output: output, index: index)
        #expect(verification == .confirmed && verification.isConfirmed)
        let peerCopy = try SpanIndex(bytes: index.fileBytes, validation: .full)
        #expect(SpanAttributionVerifier.verify(method: "span/1", attributionRoot: result.indexRoot, attribution: result.weights,
                                               output: output, index: peerCopy).isConfirmed)
    }

    @Test("changed weights, reordered or dropped entries, another output are caught with the recomputation")
    func dishonest() throws {
        let (index, output, result) = try Self.fixture()
        var shifted = result.weights
        shifted[0].weightPPM -= 1
        shifted[1].weightPPM += 1
        let reordered = [result.weights[1], result.weights[0], result.weights[2]]
        let dropped = Array(result.weights.dropLast())
        let cases: [([AttributionWeight], [UInt32], Int)] = [
            (shifted, output, 0), (reordered, output, 0), (dropped, output, 2), ([], output, 0),
            (result.weights, Array(output.dropFirst(40)), 0),
        ]
        for (attribution, revealed, position) in cases {
            let verification = SpanAttributionVerifier.verify(method: "span/1", attributionRoot: result.indexRoot,
                                                              attribution: attribution, output: revealed, index: index)
            #expect(!verification.isConfirmed)
            if case .mismatch(let expected, let firstDifference) = verification {
                #expect(expected == SpanAttribution.attribute(revealed, index: index).weights)
                #expect(firstDifference == position)
            } else {
                Issue.record("expected a mismatch, got \(verification)")
            }
        }
    }

    @Test("another root or method is refused before recomputing")
    func rootAndMethod() throws {
        let (index, output, result) = try Self.fixture()
        let otherRoot = [UInt8](repeating: 7, count: 32)
        #expect(SpanAttributionVerifier.verify(method: "span/1", attributionRoot: otherRoot, attribution: result.weights,
                                               output: output, index: index)
                == .wrongIndex(receiptRoot: otherRoot, indexRoot: index.root))
        #expect(SpanAttributionVerifier.verify(method: "influence/1", attributionRoot: result.indexRoot,
                                               attribution: result.weights, output: output, index: index)
                == .wrongMethod("influence/1"))
        #expect(SpanAttributionVerifier.verify(method: "influence/1", attributionRoot: result.indexRoot,
                                               attribution: result.weights, output: output, index: index)
            .description.contains("influence/1"))
    }
}
