import Testing
import TestSupport
@testable import Attribution

@Suite("NearDuplicateClustering and MinHasher")
struct NearDuplicateClusteringTests {
    static func representatives(_ documents: [[UInt32]], parameters: NearDuplicateParameters = .standard) -> [UInt32] {
        let flat = documents.flatMap { $0 }
        var starts = [0]
        for document in documents { starts.append(starts.last! + document.count) }
        return flat.withUnsafeBufferPointer { flat in
            NearDuplicateClustering.representatives(count: documents.count, parameters: parameters) { number in
                UnsafeBufferPointer(rebasing: flat[starts[number]..<starts[number + 1]])
            }
        }
    }

    /// `document` with one token in every `spacing` replaced by a fresh one.
    static func edited(_ document: [UInt32], every spacing: Int, offset: Int, fresh: UInt32) -> [UInt32] {
        var copy = document
        for position in stride(from: offset, to: copy.count, by: spacing) { copy[position] = fresh &+ UInt32(position) }
        return copy
    }

    /// The exact Jaccard similarity of two documents' shingle sets.
    static func jaccard(_ first: [UInt32], _ second: [UInt32], length: Int = 5) -> Double {
        func shingles(_ tokens: [UInt32]) -> Set<[UInt32]> {
            Set((0...(tokens.count - length)).map { Array(tokens[$0..<($0 + length)]) })
        }
        let (a, b) = (shingles(first), shingles(second))
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    @Test("standard parameters: 5-shingles, 128 values, 32 bands, 103 agreements needed")
    func standardParameters() {
        let parameters = NearDuplicateParameters.standard
        #expect(parameters.agreementsRequired == 103)
        #expect(parameters.rowsPerBand == 4)
        #expect(NearDuplicateParameters.problem(shingleLength: 5, signatureCount: 128, bandCount: 32, jaccardThresholdPPM: 700_000) != nil)
        #expect(NearDuplicateParameters.problem(shingleLength: 5, signatureCount: 128, bandCount: 32, jaccardThresholdPPM: 760_000) == nil)
        #expect(NearDuplicateParameters.problem(shingleLength: 0, signatureCount: 128, bandCount: 32, jaccardThresholdPPM: 800_000) != nil)
        #expect(NearDuplicateParameters.problem(shingleLength: 5, signatureCount: 128, bandCount: 30, jaccardThresholdPPM: 800_000) != nil)
    }

    @Test("signatures are seeded and deterministic; identical documents have identical signatures")
    func signatures() {
        let hasher = MinHasher(parameters: .standard)
        let document: [UInt32] = Array(0..<50)
        #expect(hasher.signature(of: document) == hasher.signature(of: document))
        #expect(hasher.signature(of: document)?.count == 128)
        #expect(hasher.signature(of: []) == nil)
        let reseeded = MinHasher(parameters: NearDuplicateParameters(shingleLength: 5, signatureCount: 128, bandCount: 32,
                                                                     jaccardThresholdPPM: 800_000, seed: 1))
        #expect(reseeded.signature(of: document) != hasher.signature(of: document))
        // A short document is one shingle of all its tokens.
        #expect(hasher.signature(of: [1, 2]) != hasher.signature(of: [1, 2, 3]))
    }

    @Test("the agreement rate estimates the shingle Jaccard similarity")
    func estimatesJaccard() {
        var generator = SeededGenerator.make(for: "MinHasher.estimate")
        let hasher = MinHasher(parameters: .standard)
        for spacing in [8, 15, 30, 60, 200] {
            let original = AttributionFixtures.randomTokens(2_000, vocabulary: 30_000, using: &generator)
            let copy = Self.edited(original, every: spacing, offset: spacing / 2, fresh: 40_000)
            let (first, second) = (hasher.signature(of: original)!, hasher.signature(of: copy)!)
            let agreements = zip(first, second).filter { $0 == $1 }.count
            let estimate = Double(agreements) / 128
            // 128 values: the standard error is at most 0.045; allow five of them.
            #expect(abs(estimate - Self.jaccard(original, copy)) < 0.225, "spacing \(spacing)")
        }
    }

    @Test("exact and near duplicates join their earliest member; unrelated documents stay apart")
    func clusters() {
        var generator = SeededGenerator.make(for: "NearDuplicateClustering.clusters")
        let a = AttributionFixtures.randomTokens(1_000, vocabulary: 30_000, using: &generator)
        let b = AttributionFixtures.randomTokens(1_000, vocabulary: 30_000, using: &generator)
        let nearA = Self.edited(a, every: 200, offset: 7, fresh: 50_000)        // Jaccard ≈ 0.95
        let farA = Self.edited(a, every: 6, offset: 3, fresh: 60_000)           // Jaccard ≈ 0.09
        let documents = [b, a, [], nearA, a, farA, b, []]
        #expect(Self.jaccard(a, nearA) > 0.9 && Self.jaccard(a, farA) < 0.2)
        #expect(Self.representatives(documents) == [0, 1, 2, 1, 1, 5, 0, 7])
    }

    @Test("the order of documents, not the order of joins, names the clusters")
    func transitive() {
        var generator = SeededGenerator.make(for: "NearDuplicateClustering.transitive")
        let a = AttributionFixtures.randomTokens(1_000, vocabulary: 30_000, using: &generator)
        let step1 = Self.edited(a, every: 150, offset: 10, fresh: 50_000)
        let step2 = Self.edited(step1, every: 150, offset: 80, fresh: 70_000)
        let unrelated = AttributionFixtures.randomTokens(1_000, vocabulary: 30_000, using: &generator)
        #expect(Self.representatives([step2, unrelated, step1, a]) == [0, 1, 0, 0])
        #expect(Self.representatives([a, step1, step2]) == [0, 0, 0])
    }

    @Test("every pair at or above the threshold is joined: banding is exact", arguments: [0, 1, 2])
    func bandingIsExact(round: Int) {
        var generator = SeededGenerator.make(for: "NearDuplicateClustering.exact.\(round)")
        let hasher = MinHasher(parameters: .standard)
        let base = AttributionFixtures.randomTokens(300, vocabulary: 30_000, using: &generator)
        let documents = (0..<24).map { number in
            Self.edited(base, every: Int.random(in: 10...80, using: &generator), offset: number, fresh: UInt32(100_000 * (number + 1)))
        }
        let signatures = documents.map { hasher.signature(of: $0)! }
        var sets = DisjointSets(count: documents.count)
        for first in documents.indices {
            for second in documents.indices where first < second && hasher.areNearDuplicates(signatures[first], signatures[second]) {
                sets.join(first, second)
            }
        }
        let allPairs = documents.indices.map { UInt32(sets.representative(of: $0)) }
        #expect(Self.representatives(documents) == allPairs)
    }
}
