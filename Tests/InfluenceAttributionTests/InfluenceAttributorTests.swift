import Attribution
import InfluenceAttribution
import LoRATraining
import ModelFactory
import Sodium
import Testing
import TestSupport

/// Influence attribution end to end on the planted-fact fixture: a job trained on made-up
/// facts, then for each fact its question with the answer as output.
@Suite("Influence attribution on planted facts", .serialized)
struct InfluenceAttributorTests {
    /// The rank of each fact's document among the credited contributions (nil: not credited).
    static func ranks(_ attributor: InfluenceAttributor, _ fixture: PlantedFacts) throws -> [Int?] {
        let engine = try fixture.engine()
        return try zip(fixture.queries, fixture.documents).map { query, document in
            let result = try attributor.attribute(query, objective: engine)
            return result.contributionScores.firstIndex { $0.contributionID == document.contentHash }
        }
    }

    static func accuracy(_ ranks: [Int?], within top: Int) -> Double {
        Double(ranks.filter { $0.map { $0 < top } ?? false }.count) / Double(ranks.count)
    }

    @Test("DataInf ranks each fact's document first for its question")
    func plantedFactsDataInf() throws {
        let fixture = PlantedFacts.shared
        let ranks = try Self.ranks(try fixture.dataInfAttributor(), fixture)
        let top1 = Self.accuracy(ranks, within: 1), top5 = Self.accuracy(ranks, within: 5)
        print("InfluenceAttributorTests: DataInf over \(ranks.count) planted facts: top-1 \(top1), top-5 \(top5)")
        #expect(top1 >= 0.9)
        #expect(top5 == 1)
    }

    @Test("TracIn over the kept checkpoints of steps 30 and 60 also finds the facts")
    func plantedFactsTracIn() throws {
        let fixture = PlantedFacts.shared
        let checkpoints = try zip(fixture.stores, fixture.checkpointParameters).map { store, parameters in
            try InfluenceCheckpoint(store: InfluenceStore(store, layout: fixture.layout), parameters: parameters)
        }
        let attributor = try InfluenceAttributor(checkpoints: checkpoints, parameters: .tracInVersion1)
        #expect(attributor.attributionRoot == SHA256.hash(fixture.stores[0].merkleRoot + fixture.stores[1].merkleRoot))
        let ranks = try Self.ranks(attributor, fixture)
        let top1 = Self.accuracy(ranks, within: 1), top5 = Self.accuracy(ranks, within: 5)
        print("InfluenceAttributorTests: TracIn (2 checkpoints) over \(ranks.count) planted facts: top-1 \(top1), top-5 \(top5)")
        #expect(top1 >= 0.8)
        #expect(throws: InfluenceError.self) {
            _ = try InfluenceAttributor(checkpoints: checkpoints, parameters: .version1)
        }
    }

    @Test("a training example's query gradient is its stored record, to the last levels")
    func queryGradientIsStoredGradient() throws {
        let fixture = PlantedFacts.shared
        #expect(fixture.adapterParameters == fixture.checkpointParameters[1])
        let engine = try fixture.engine()
        let store = fixture.stores[1]
        for record in store.records.prefix(4) {
            let example = fixture.dataset.trainingExamples[record.exampleIndex]
            let gradient = try QueryGradient.gradient(of: example.sequence, parameters: fixture.adapterParameters,
                                                      objective: engine)
            // Bit-identical at one OpenBLAS thread count (the benchmark checks that); suites running
            // in parallel may change the process-wide thread count, which moves the products' last
            // bits, so here the levels may differ by one or two and the scales by a few ulps.
            let recomputed = store.projection.projectAndQuantize(gradient)
            let levelDifference = zip(recomputed.values, record.gradient.values).map { abs(Int($0) - Int($1)) }.max() ?? 0
            let scaleDifference = zip(recomputed.scales, record.gradient.scales).map { abs($0 - $1) / max($1, .leastNormalMagnitude) }
                .max() ?? 0
            #expect(recomputed.values.count == record.gradient.values.count)
            #expect(levelDifference <= 2 && scaleDifference <= 1e-4, "levels \(levelDifference), scales \(scaleDifference)")
        }
    }

    @Test("two computations are bit-identical; only helping examples earn")
    func deterministicAndPositive() throws {
        let fixture = PlantedFacts.shared
        let attributor = try fixture.dataInfAttributor()
        let first = try attributor.attribute(fixture.queries[3], objective: fixture.engine())
        let second = try attributor.attribute(fixture.queries[3], objective: fixture.engine())
        #expect(first.weights == second.weights)
        #expect(first.exampleScores.map(\.bitPattern) == second.exampleScores.map(\.bitPattern))
        #expect(first.contributionScores.allSatisfy { $0.score > 0 })
        let helping = Set(zip(first.exampleScores, attributor.checkpoints[0].store.contentHashes)
            .filter { $0.0 > 0 }.map(\.1))
        #expect(first.weights.allSatisfy { helping.contains($0.contributionID) })
        #expect(first.exampleScores.contains { $0 < 0 }, "some examples hurt and earn nothing")
        #expect(first.weights.reduce(0) { $0 + Int($1.weightPPM) } == 1_000_000)
        #expect(first.weights.count <= InfluenceParameters.version1.contributionCountMax)
    }

    @Test("sybil copies of a fact trained alongside it are credited once, to the original, when clustered")
    func sybilCopies() throws {
        let fixture = PlantedFacts.withSybils
        let attributor = try fixture.dataInfAttributor()
        let original = fixture.documents[0].contentHash
        let copies = fixture.documents[PlantedFacts.factCount...].map(\.contentHash)
        let members = Set([original] + copies)
        let plain = try attributor.attribute(fixture.queries[0], objective: fixture.engine())
        let memberScores = plain.contributionScores.filter { members.contains($0.contributionID) }
        #expect(memberScores.count >= 2, "without clusters, copies earn beside the original")
        let representatives = Dictionary(uniqueKeysWithValues: copies.map { ($0, original) })
        let clustered = try attributor.attribute(fixture.queries[0], objective: fixture.engine(),
                                                 representatives: representatives)
        #expect(!clustered.contributionScores.contains { copies.contains($0.contributionID) })
        #expect(clustered.contributionScores.first { $0.contributionID == original }?.score
                == memberScores.map(\.score).max())
        let plainShare = plain.weights.filter { members.contains($0.contributionID) }.map { Int($0.weightPPM) }
        let clusteredShare = clustered.weights.first { $0.contributionID == original }.map { Int($0.weightPPM) } ?? 0
        #expect(clusteredShare < plainShare.reduce(0, +), "copies do not multiply the cluster's credit")
        print("InfluenceAttributorTests: with 3 sybil copies the cluster's members get \(plainShare) ppm; clustered, "
              + "the original gets \(clusteredShare) ppm")
    }

    @Test("a near-duplicate cluster is credited once, to its earliest member")
    func clusters() throws {
        let fixture = PlantedFacts.shared
        let attributor = try fixture.dataInfAttributor()
        let original = fixture.documents[5].contentHash, copy = fixture.documents[0].contentHash
        let plain = try attributor.attribute(fixture.queries[0], objective: fixture.engine())
        let clustered = try attributor.attribute(fixture.queries[0], objective: fixture.engine(),
                                                 representatives: [copy: original])
        #expect(plain.weights.first?.contributionID == copy)
        #expect(clustered.weights.first?.contributionID == original)
        #expect(!clustered.weights.contains { $0.contributionID == copy })
        let best = max(plain.contributionScores.first { $0.contributionID == copy }?.score ?? 0,
                       plain.contributionScores.first { $0.contributionID == original }?.score ?? 0)
        #expect(clustered.contributionScores.first == ContributionScore(contributionID: original, score: best))
    }

    @Test("a validator on another thread count confirms the host's receipt within the tolerance")
    func verificationAcrossThreadCounts() throws {
        let fixture = PlantedFacts.shared
        let attributor = try fixture.dataInfAttributor()
        let validatorEngine = try fixture.engine(model: PlantedFacts.model(threadCount: 2))
        var largest: UInt32 = 0
        for query in fixture.queries {
            let receipt = try attributor.attribute(query, objective: fixture.engine())
            let verdict = try InfluenceVerifier.verify(method: receipt.method, attributionRoot: receipt.attributionRoot,
                                                       attribution: receipt.weights, query: query, attributor: attributor,
                                                       objective: validatorEngine)
            guard case .confirmed(let difference) = verdict else {
                Issue.record("not confirmed: \(verdict)")
                continue
            }
            largest = max(largest, difference)
        }
        print("InfluenceAttributorTests: largest weight difference between 1 and 2 threads: \(largest) ppm "
              + "(tolerance \(InfluenceParameters.version1.weightTolerancePPM))")
    }

    @Test("tampered, misnamed, misrooted, malformed and unreproducible receipts are not confirmed")
    func rejections() throws {
        let fixture = PlantedFacts.shared
        let attributor = try fixture.dataInfAttributor()
        let engine = try fixture.engine()
        let query = fixture.queries[1]
        let receipt = try attributor.attribute(query, objective: engine)
        let verify = { (method: String, root: [UInt8], weights: [AttributionWeight], query: InfluenceQuery) in
            try InfluenceVerifier.verify(method: method, attributionRoot: root, attribution: weights, query: query,
                                         attributor: attributor, objective: engine)
        }
        #expect(try verify(receipt.method, receipt.attributionRoot, receipt.weights, query) == .confirmed(largestDifferencePPM: 0))
        // A host moving 5 % of the fee from the first contribution to a sybil of its own.
        var tampered = receipt.weights
        tampered[0].weightPPM -= 50_000
        tampered.append(AttributionWeight(contributionID: [UInt8](repeating: 7, count: 32), weightPPM: 50_000))
        tampered.sort { $0.weightPPM > $1.weightPPM }
        guard case .mismatch(let expected, let differences, _) = try verify(receipt.method, receipt.attributionRoot,
                                                                            tampered, query) else {
            Issue.record("a tampered receipt was not a mismatch")
            return
        }
        #expect(expected == receipt.weights)
        #expect(differences.first?.magnitudePPM == 50_000)
        #expect(try verify("span/1", receipt.attributionRoot, receipt.weights, query) == .wrongMethod("span/1"))
        #expect(try verify("influence-tracin/1", receipt.attributionRoot, receipt.weights, query)
                == .wrongMethod("influence-tracin/1"))
        let otherRoot = [UInt8](repeating: 1, count: 32)
        #expect(try verify(receipt.method, otherRoot, receipt.weights, query)
                == .wrongStore(receiptRoot: otherRoot, storeRoot: receipt.attributionRoot))
        let duplicated = [receipt.weights[0], receipt.weights[0]]
        #expect(!(try verify(receipt.method, receipt.attributionRoot, duplicated, query)).isConfirmed)
        let outside = InfluenceQuery(promptTokens: query.promptTokens, outputTokens: [5_000])
        guard case .unreproducible(let error) = try verify(receipt.method, receipt.attributionRoot, receipt.weights,
                                                           outside) else {
            Issue.record("a token outside the vocabulary was not unreproducible")
            return
        }
        #expect(error.kind == .invalidQuery)
    }

    @Test("random receipts and revealed queries never trap and are confirmed only when they match")
    func randomReceipts() throws {
        var random = SeededGenerator.make(for: "influence random receipts")
        let fixture = PlantedFacts.shared
        let attributor = try fixture.dataInfAttributor()
        let engine = try fixture.engine()
        let ids = fixture.documents.map(\.contentHash) + [[UInt8](repeating: 0, count: 32), [1, 2, 3]]
        for round in 0..<40 {
            let count = Int(random.next() % 70)
            let weights = (0..<count).map { _ in
                AttributionWeight(contributionID: ids[Int(random.next() % UInt64(ids.count))],
                                  weightPPM: UInt32(truncatingIfNeeded: random.next() % (round % 2 == 0 ? 1_000_001 : 1 << 32)))
            }
            let tokens = { (count: Int) in (0..<count).map { _ in Int(Int64(bitPattern: random.next()) % 1_500) } }
            let query = round % 4 == 0 ? fixture.queries[round % fixture.queries.count]
                : InfluenceQuery(promptTokens: tokens(Int(random.next() % 40)), outputTokens: tokens(Int(random.next() % 40)))
            let verdict = try InfluenceVerifier.verify(method: InfluenceAttribution.dataInfMethod,
                                                       attributionRoot: attributor.attributionRoot, attribution: weights,
                                                       query: query, attributor: attributor, objective: engine)
            if verdict.isConfirmed {
                let expected = try attributor.attribute(query, objective: engine).weights
                #expect(weights.first?.contributionID == expected.first?.contributionID)
            }
        }
    }
}
