import Attribution
import Hosting
import InfluenceAttribution
@testable import Ledger
import LoRATraining
import ModelFactory
import OpenLoRA
import Tensor
import TestSupport
import Testing
@testable import Audit

/// Tier 2's recomputation: Hosting's `InfluenceAttributionEntry`, which hosts and auditors
/// share, on a tiny random Llama over the SmolLM2 test
/// tokenizer's vocabulary, a random rank-2 adapter and a gradient store of random records.
/// A host's attribution (the calls Hosting's ReceiptIssuer makes) is reproduced from the
/// revealed texts and agreed with; a receipt moving weight past the tolerance is not.
@Suite struct InfluenceAttributionEntryTests {
    static let configuration = LlamaConfiguration(
        vocabularySize: 1200, embeddingLength: 32, feedForwardLength: 64, blockCount: 2, headCount: 4,
        keyValueHeadCount: 2, headDimension: 8, contextLength: 96, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10_000,
        ropeLayout: .halves, tiesEmbeddings: false)
    static let reveal = Reveal(promptText: "Who first described varves?",
                               outputText: "Gerard De Geer described the yearly layers in Swedish lakes.")

    static func model(seed: UInt64) throws -> LlamaModel {
        var random = SeededGenerator(seed: seed)
        let c = configuration
        func matrix(_ rows: Int, _ columns: Int, scale: Float) throws -> WeightMatrix {
            let values = (0..<(rows * columns)).map { _ in Float.random(in: -scale...scale, using: &random) }
            return try WeightMatrix(type: .f32, rowCount: rows, columnCount: columns, bytes: values.withUnsafeBytes { Array($0) })
        }
        let layers = try (0..<c.blockCount).map { _ in
            LlamaLayerWeights(
                attentionNorm: [Float](repeating: 1, count: c.embeddingLength),
                query: try matrix(c.queryWidth, c.embeddingLength, scale: 0.3),
                key: try matrix(c.keyValueWidth, c.embeddingLength, scale: 0.3),
                value: try matrix(c.keyValueWidth, c.embeddingLength, scale: 0.3),
                attentionOutput: try matrix(c.embeddingLength, c.queryWidth, scale: 0.3),
                feedForwardNorm: [Float](repeating: 1, count: c.embeddingLength),
                gate: try matrix(c.feedForwardLength, c.embeddingLength, scale: 0.3),
                up: try matrix(c.feedForwardLength, c.embeddingLength, scale: 0.3),
                down: try matrix(c.embeddingLength, c.feedForwardLength, scale: 0.3))
        }
        let weights = LlamaWeights(tokenEmbedding: try matrix(c.vocabularySize, c.embeddingLength, scale: 1), layers: layers,
                                   outputNorm: [Float](repeating: 1, count: c.embeddingLength),
                                   output: try matrix(c.vocabularySize, c.embeddingLength, scale: 1))
        return try LlamaModel(configuration: c, weights: weights, backend: CPUBackend(threadCount: 1), endOfSequenceTokenIDs: [2])
    }

    static func adapter(seed: UInt64) throws -> LoRAAdapter {
        var random = SeededGenerator(seed: seed)
        let c = configuration
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for layer in 0..<c.blockCount {
            for (role, width) in [(LlamaLayerRole.query, c.queryWidth), (.value, c.keyValueWidth)] {
                factors[LoRAModule(layer: layer, role: role)] = (
                    (0..<(2 * c.embeddingLength)).map { _ in Float.random(in: -1...1, using: &random) },
                    (0..<(width * 2)).map { _ in Float.random(in: -1...1, using: &random) })
            }
        }
        return try LoRAAdapter(configuration: LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .names(["q_proj", "v_proj"])),
                               factors: factors, base: c)
    }

    /// Twelve random records over six documents (two examples each), and each document's
    /// contribution id.
    static func store(layout: LoRAParameterLayout) throws -> (bytes: [UInt8], contributions: [[UInt8]: [UInt8]]) {
        var random = SeededGenerator(seed: 77)
        let projection = try GradientProjection(layout: layout, dimension: 64, seed: 5)
        let documents = (0..<6).map { _ in random.bytes(count: 32) }
        let records = (0..<12).map { index in
            let values = (0..<projection.dimension).map { _ in Float.random(in: -1...1, using: &random) }
            return GradientStoreRecord(contentHash: documents[index % 6], exampleIndex: index,
                                       gradient: QuantizedGradient(quantizing: values, segmentOutputSizes: projection.outputSizes))
        }
        let store = GradientStore(projection: projection, step: 10, learningRate: 1e-3, records: records)
        let contributions = Dictionary(uniqueKeysWithValues: documents.map { ($0, Array($0.reversed())) })
        return (store.serialized(), contributions)
    }

    /// The host's side, as ReceiptIssuer computes it: attribute the query of the revealed
    /// texts and map the credit to contributions.
    static func hostAttribution(model: LlamaModel, adapter: LoRAAdapter, storeBytes: [UInt8],
                                contributions: [[UInt8]: [UInt8]]) throws -> (root: [UInt8], entries: [AttributionEntry]) {
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        let store = try InfluenceStore(GradientStore(decoding: storeBytes), layout: layout)
        let attributor = try InfluenceAttributor(
            checkpoints: [InfluenceCheckpoint(store: store, parameters: try layout.parameters(of: adapter))], parameters: .version1)
        let engine = try LoRAGradientEngine(model: model, layout: layout, sequenceLengthMaximum: configuration.contextLength)
        let tokenizer = AuditTestChain.tokenizer
        let query = InfluenceQuery(promptTokens: AttributionInput.promptTokens(of: reveal.promptText, tokenizer: tokenizer),
                                   outputTokens: AttributionInput.outputTokens(of: reveal.outputText, tokenizer: tokenizer))
        let result = try attributor.attribute(query, objective: engine)
        return (result.attributionRoot, InfluenceAttributionEntry.credit(result.weights, contributions: contributions))
    }

    static func receipt(root: [UInt8], _ entries: [AttributionEntry]) -> InferenceReceipt {
        InferenceReceipt(clientAuthorization: [1], datanetID: [UInt8](repeating: 1, count: 32), adapterHash: [], promptHash: [],
                         outputHash: [], tokensIn: 1, tokensOut: 1, fee: 1, method: "influence/1", attribution: entries,
                         attributionRoot: root)
    }

    @Test func reproducesTheHostsAttributionAndRefusesATamperedOne() throws {
        let model = try Self.model(seed: 31)
        let adapter = try Self.adapter(seed: 32)
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        let (storeBytes, contributions) = try Self.store(layout: layout)
        let host = try Self.hostAttribution(model: model, adapter: adapter, storeBytes: storeBytes, contributions: contributions)
        try #require(host.entries.count >= 2, "the random store should credit at least two documents")
        #expect(host.entries.reduce(0) { $0 + $1.weightPPM } == 1_000_000)

        let entry = try InfluenceAttributionEntry(model: model, adapter: adapter, storeBytes: storeBytes,
                                                  contributions: contributions)
        let (root, recomputed) = try entry.attribute(promptText: Self.reveal.promptText, outputText: Self.reveal.outputText,
                                                     tokenizer: AuditTestChain.tokenizer)
        #expect(root == host.root)
        #expect(recomputed == host.entries)
        let honest = Self.receipt(root: host.root, host.entries)
        #expect(AuditComparison.influence(honest, recomputedRoot: root, recomputed: try #require(recomputed),
                                          tolerancePPM: entry.attributor.parameters.weightTolerancePPM)
                == .agrees(largestDifferencePPM: 0))

        // 0.5 % of the fee moved from the first contribution to the second: past the tolerance.
        var tampered = host.entries
        tampered[0].weightPPM -= 5_000
        tampered[1].weightPPM += 5_000
        let finding = AuditComparison.influence(Self.receipt(root: host.root, tampered), recomputedRoot: root,
                                                recomputed: try #require(recomputed), tolerancePPM: 2_000)
        #expect(finding == .differs(recomputed: host.entries, reason: finding.description))
        #expect(AuditComparison.correction(for: finding, receipt: Self.receipt(root: host.root, tampered)) == host.entries)
    }

    @Test func aQueryTheMethodCannotEvaluateGivesNoEntries() throws {
        let model = try Self.model(seed: 31)
        let adapter = try Self.adapter(seed: 32)
        let layout = try LoRAParameterLayout(configuration: adapter.configuration, base: model.configuration)
        let (storeBytes, contributions) = try Self.store(layout: layout)
        let entry = try InfluenceAttributionEntry(model: model, adapter: adapter, storeBytes: storeBytes,
                                                  contributions: contributions)
        let (_, recomputed) = try entry.attribute(promptText: "Hello", outputText: "", tokenizer: AuditTestChain.tokenizer)
        #expect(recomputed == nil)
    }

    /// An accepted contribution of a payload whose content hash is `byte` repeated.
    static func record(_ byte: UInt8) -> ContributionRecord {
        let contribution = Contribute(datanetID: [UInt8](repeating: 9, count: 32), contentHash: [UInt8](repeating: byte, count: 32),
                                      byteCount: 1, metadata: "", licence: "", bond: 0)
        return ContributionRecord(contributor: AuditTestChain.address(AuditTestChain().host), contribution: contribution,
                                  windowEnd: 0)
    }

    @Test func contributionMapKeepsTheFirstAcceptedCarrierOfAPayload() throws {
        let accepted = [([UInt8](repeating: 0xA1, count: 32), Self.record(1)), ([UInt8](repeating: 0xA2, count: 32), Self.record(1)),
                        ([UInt8](repeating: 0xA3, count: 32), Self.record(2))]
        let corpus = AttributionCorpus(datanets: [DatanetVersion(datanetID: [UInt8](repeating: 9, count: 32), version: 1)],
                                       contributions: accepted.map { (id: $0.0, record: $0.1) })
        #expect(corpus.contributionByContent == [[UInt8](repeating: 1, count: 32): [UInt8](repeating: 0xA1, count: 32),
                                                 [UInt8](repeating: 2, count: 32): [UInt8](repeating: 0xA3, count: 32)])
    }

    /// A payload copied by a later contribution (a sybil's) is mapped to the earliest one's,
    /// as the corpus's span index clusters them; a distinct payload stands alone.
    @Test func nearDuplicateClustersMapToTheEarliestPayload() throws {
        let fact = (0..<60).map { UInt32(100 + $0) }
        let copy = fact.prefix(59) + [UInt32(7)]
        let other = (0..<60).map { UInt32(900 - $0) }
        let ids = (1...3).map { [UInt8](repeating: 0xB0 + $0, count: 32) }
        var builder = SpanIndexBuilder()
        for (id, tokens) in zip(ids, [fact, Array(copy), other]) { try builder.append(contributionID: id, tokens: tokens) }
        let index = builder.build()
        let corpus = AttributionCorpus(datanets: [DatanetVersion(datanetID: [UInt8](repeating: 9, count: 32), version: 1)],
                                       contributions: [(ids[0], Self.record(1)), (ids[1], Self.record(2)), (ids[2], Self.record(3))])
        #expect(InfluenceAttributionEntry.representatives(index: index, corpus: corpus)
                == [[UInt8](repeating: 2, count: 32): [UInt8](repeating: 1, count: 32)])
    }
}
