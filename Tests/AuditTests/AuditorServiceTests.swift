import Attribution
import Foundation
import Hosting
import Identity
import Ledger
import Node
import Sodium
import Testing
@testable import Audit

/// Two validators audit a host's span/1 receipts through their own nodes: an honest receipt
/// is agreed with; a receipt crediting the wrong contribution and one whose reveal never
/// came are each challenged by one validator and upheld by the other's vote, and settle with
/// the host slashed.
@Suite(.serialized) struct AuditorServiceTests {
    static let rules = DatanetRules(curatorStakeMin: Token.tokens(100), quorum: Token.tokens(1), voteWindowSeconds: 2,
                                    contributionBond: Token.tokens(1), payloadByteCountMax: 4_096)
    static let baseModelHash = BLAKE2b256.hash(Array("audit test base model".utf8))
    static let adapterHash = BLAKE2b256.hash(Array("audit test adapter".utf8))
    static let texts = [
        """
        Glaciers advance and retreat over thousands of years, grinding the rock beneath them into fine \
        flour that meltwater carries into lakes, where it settles in thin yearly layers called varves.
        """,
        """
        A hash table stores keys in buckets chosen by a hash function; when two keys collide, open \
        addressing probes for the next free slot while chaining keeps a short list in each bucket.
        """,
    ]
    static let output = "As the notes say: grinding the rock beneath them into fine flour that meltwater carries into lakes."

    /// What the test set up on the chain.
    struct Market {
        let datanet: [UInt8]
        let contributions: [[UInt8]]
        let index: SpanIndex
    }

    @Test func agreesWithAnHonestReceiptAndChallengesAndUpholdsWrongOnes() throws {
        let chain = AuditTestChain()
        let runtimes = try chain.start()
        let market = try Self.setUpMarket(chain, runtimes: runtimes)
        let honest = Self.honestEntries(market)
        #expect(honest.first?.contributionID == market.contributions[0])
        let wrong = [AttributionEntry(contributionID: market.contributions[1], weightPPM: 1_000_000)]
        // The host reveals the first two on the first validator only; the second fetches them.
        let receipts = try [(honest, true), (wrong, true), (honest, false)].enumerated().map { nonce, receipt in
            try Self.submitReceipt(chain, runtime: runtimes[0], market: market, attribution: receipt.0,
                                   reveals: receipt.1, nonce: UInt64(nonce))
        }
        let ledger = try LedgerDatabase(path: runtimes[0].directory.chainPath)
        #expect(try AuditTestChain.wait(seconds: 20) { try receipts.allSatisfy { try ledger.receipt($0) != nil } })

        let settings = AuditorSettings(interval: .milliseconds(200), revealGraceSeconds: 3)
        let auditors = try runtimes.map { runtime in
            try AuditorService(runtime: runtime, tokenizer: AuditTestChain.tokenizer, model: nil,
                               baseModelHash: Self.baseModelHash, settings: settings)
        }
        auditors.forEach { $0.start() }
        defer { auditors.forEach { $0.stop() } }
        func challenge(of receipt: [UInt8]) throws -> ChallengeRecord? {
            let fresh = try LedgerDatabase(path: runtimes[0].directory.chainPath)
            guard let id = try fresh.receipt(receipt)?.challengeID, !id.isEmpty else { return nil }
            return try fresh.challenge(id)
        }
        #expect(try AuditTestChain.wait(seconds: 40) {
            try receipts[1...].allSatisfy { try challenge(of: $0)?.votes.count == 1 }
        })
        auditors.forEach { $0.stop() }
        #expect(try challenge(of: receipts[0]) == nil)
        for receipt in receipts[1...] {
            let record = try #require(try challenge(of: receipt))
            #expect(record.votes.map(\.inFavour) == [true])
            #expect(record.votes[0].voter != record.challenger)
        }
        #expect(try challenge(of: receipts[1])?.correction == honest)
        #expect(try challenge(of: receipts[2])?.correction == [])
        let counts = auditors.map(\.counts)
        #expect(counts.allSatisfy { $0.spanChecks == 2 && $0.agreements == 1 && $0.disagreements == 1 })
        #expect(counts.allSatisfy { $0.missingReveals == 1 })
        #expect(counts.map(\.upholdVotes).reduce(0, +) == 2 && counts.map(\.dismissVotes).reduce(0, +) == 0)
        // A service made again on the same directory resumes at the stored cursor.
        for (auditor, runtime) in zip(auditors, runtimes) {
            #expect(auditor.cursor > 1)
            let again = try AuditorService(runtime: runtime, tokenizer: AuditTestChain.tokenizer, model: nil,
                                           baseModelHash: Self.baseModelHash, settings: settings)
            #expect(again.cursor == auditor.cursor)
        }
        try Self.expectSettlement(chain, receipts: Array(receipts[1...]))
    }

    /// Stops the nodes and applies an empty batch at the latest vote end to the first
    /// validator's ledger: both challenges are upheld and the host loses 10 % of its host
    /// stake twice.
    static func expectSettlement(_ chain: AuditTestChain, receipts: [[UInt8]]) throws {
        let path = chain.runtimes[0].directory.chainPath
        chain.stop()
        let ledger = try LedgerDatabase(path: path)
        let challengeIDs = try receipts.map { try ledger.receipt($0)?.challengeID ?? [] }
        let voteEnd = try #require(try challengeIDs.compactMap { try ledger.challenge($0)?.voteEnd }.max())
        _ = try ledger.apply(LedgerBatch(height: ledger.height + 1, time: voteEnd, leader: nil, transactions: []))
        for id in challengeIDs {
            #expect(try ledger.challenge(id)?.status == .upheld)
        }
        let stake = try ledger.stakes(of: AuditTestChain.address(chain.host)).first { $0.role == .host }?.amount
        #expect(stake == Token.tokens(810))
    }

    /// The honest span/1 attribution of ``output`` over the datanet's version-1 index.
    static func honestEntries(_ market: Market) -> [AttributionEntry] {
        let tokens = AttributionInput.outputTokens(of: output, tokenizer: AuditTestChain.tokenizer).map { UInt32($0) }
        return SpanAttribution.attribute(tokens, index: market.index).weights.map {
            AttributionEntry(contributionID: $0.contributionID, weightPPM: $0.weightPPM)
        }
    }

    /// A datanet with both texts accepted (version 1), a base model and an adapter trained on it.
    static func setUpMarket(_ chain: AuditTestChain, runtimes: [NodeRuntime]) throws -> Market {
        let runtime = runtimes[0]
        let ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        let creation = CreateDatanet(name: "notes", summary: "texts", tags: [], rules: rules)
        #expect(runtime.submit(chain.signed(.createDatanet(creation), by: chain.contributor, nonce: 0)))
        #expect(try AuditTestChain.wait(seconds: 20) { try !ledger.datanets().isEmpty })
        let datanet = try #require(try ledger.datanets().first).id
        var contributions: [[UInt8]] = []
        for (index, text) in texts.enumerated() {
            for runtime in runtimes { _ = try runtime.blobs.put(Array(text.utf8)) }
            let contribution = Contribute(datanetID: datanet, contentHash: BLAKE2b256.hash(Array(text.utf8)),
                                          byteCount: UInt64(text.utf8.count), metadata: "", licence: "CC-BY-4.0",
                                          bond: Token.tokens(1))
            let nonce = UInt64(index + 1)
            #expect(runtime.submit(chain.signed(.contribute(contribution), by: chain.contributor, nonce: nonce)))
            contributions.append(LedgerIdentifier.derive(sender: AuditTestChain.address(chain.contributor), nonce: nonce))
        }
        #expect(try AuditTestChain.wait(seconds: 20) { try contributions.allSatisfy { try ledger.contribution($0) != nil } })
        for (index, id) in contributions.enumerated() {
            let vote = CurationVote(contributionID: id, accept: true)
            #expect(runtime.submit(chain.signed(.curationVote(vote), by: chain.curator, nonce: UInt64(index))))
        }
        #expect(try AuditTestChain.wait(seconds: 20) { try LedgerDatabase(path: runtime.directory.chainPath).datanet(datanet)?.version == 1 })
        let model = RegisterBaseModel(modelHash: baseModelHash, name: "tiny", format: "gguf")
        let training = TrainingResult(datanetID: datanet, datanetVersion: 1, baseModelHash: baseModelHash, hyperparameters: [],
                                      adapterHash: adapterHash, adapterByteCount: 1, metrics: [], gradientStoreRoot: [])
        #expect(runtime.submit(chain.signed(.registerBaseModel(model), by: chain.contributor, nonce: 3)))
        #expect(runtime.submit(chain.signed(.trainingResult(training), by: chain.contributor, nonce: 4)))
        #expect(try AuditTestChain.wait(seconds: 20) { try LedgerDatabase(path: runtime.directory.chainPath).adapter(adapterHash) != nil })
        let index = try SpanIndexShelf(blobs: runtime.blobs, tokenizer: AuditTestChain.tokenizer)
            .index(datanet: datanet, version: 1, ledger: try LedgerDatabase(path: runtime.directory.chainPath))
        return Market(datanet: datanet, contributions: contributions, index: index)
    }

    /// Submits a span/1 receipt of ``output`` from the host; with `reveals`, puts the texts
    /// into `runtime`'s blob store as a host does. Returns the receipt id.
    static func submitReceipt(_ chain: AuditTestChain, runtime: NodeRuntime, market: Market, attribution: [AttributionEntry],
                              reveals: Bool, nonce: UInt64) throws -> [UInt8] {
        let prompt = "Summarise the notes (\(nonce))."
        if reveals {
            _ = try runtime.blobs.put(Array(prompt.utf8))
            _ = try runtime.blobs.put(Array(output.utf8))
        }
        let hostAddress = AuditTestChain.address(chain.host)
        let terms = FeeAuthorization(host: hostAddress, adapterHash: adapterHash, feeMax: Token.tokens(1),
                                     authorizationID: BLAKE2b256.hash(prompt.utf8), expiry: chain.genesisTime + 3_600)
        let authorization = SignedMessage(signing: terms, chainID: AuditTestChain.chainID, with: chain.client)
        let receipt = InferenceReceipt(
            clientAuthorization: authorization.envelopeBytes, datanetID: market.datanet, adapterHash: adapterHash,
            promptHash: BLAKE2b256.hash(Array(prompt.utf8)), outputHash: BLAKE2b256.hash(Array(output.utf8)),
            tokensIn: 8, tokensOut: 20, fee: Token.tokens(1) / 1_000, method: SpanAttribution.method,
            attribution: attribution, attributionRoot: market.index.root)
        #expect(runtime.submit(chain.signed(.inferenceReceipt(receipt), by: chain.host, nonce: nonce)))
        return LedgerIdentifier.derive(sender: hostAddress, nonce: nonce)
    }
}
