import Curation
import Foundation
import Ledger
import Node
import Sodium
import Testing

/// A validator staked as a curator votes on a datanet's contributions through its own node:
/// an original text and a distinct one are accepted, a near-copy of the first is rejected.
@Suite(.serialized) struct CuratorServiceTests {
    static let rules = DatanetRules(curatorStakeMin: Token.tokens(100), quorum: Token.tokens(1), voteWindowSeconds: 3_600,
                                    contributionBond: Token.tokens(1), payloadByteCountMax: 4_096)
    static let original = """
        Glaciers advance and retreat over thousands of years, grinding the rock beneath them into fine \
        flour that meltwater carries into lakes, where it settles in thin yearly layers called varves.
        """
    static let nearCopy = original.replacingOccurrences(of: "thin", with: "very thin").uppercased()
    static let distinct = """
        A hash table stores keys in buckets chosen by a hash function; when two keys collide, open \
        addressing probes for the next free slot while chaining keeps a short list in each bucket.
        """

    @Test func votesAcceptOnOriginalsAndRejectOnANearCopy() throws {
        let chain = CuratorTestChain()
        let runtime = try chain.start(slotMilliseconds: 100)
        let ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        let creation = CreateDatanet(name: "glaciers", summary: "texts", tags: [], rules: Self.rules)
        #expect(runtime.submit(chain.fromContributor(.createDatanet(creation), nonce: 0)))
        #expect(try CuratorTestChain.wait(seconds: 20) { try !ledger.datanets().isEmpty })
        let datanet = try #require(try ledger.datanets().first).id

        let texts = [Self.original, Self.nearCopy, Self.distinct]
        var hashes: [[UInt8]] = []
        for (index, text) in texts.enumerated() {
            let hash = try runtime.blobs.put(Array(text.utf8))
            hashes.append(hash)
            let contribution = Contribute(datanetID: datanet, contentHash: hash, byteCount: UInt64(text.utf8.count),
                                          metadata: "", licence: "CC-BY-4.0", bond: Token.tokens(1))
            #expect(runtime.submit(chain.fromContributor(.contribute(contribution), nonce: UInt64(index + 1))))
        }
        #expect(try CuratorTestChain.wait(seconds: 20) {
            try ledger.contributionIDs(datanet: datanet, status: .pending).count == 3
        })
        // Ids in the order of `texts`. A connection caches the records it read, so each
        // look at the votes opens the ledger afresh.
        let ids = try hashes.map { hash in
            try #require(try ledger.contributionIDs(datanet: datanet, status: .pending).first { id in
                try ledger.contribution(id)?.contentHash == hash
            })
        }

        let curator = try CuratorService(runtime: runtime, settings: CuratorSettings(interval: .milliseconds(200)))
        curator.start()
        defer { curator.stop() }
        let voter = runtime.identity.accountAddress
        func votes() throws -> [Bool?] {
            let fresh = try LedgerDatabase(path: runtime.directory.chainPath)
            return try ids.map { id in try fresh.contribution(id)?.votes.first { $0.voter == voter }?.inFavour }
        }
        #expect(try CuratorTestChain.wait(seconds: 20) { try votes().allSatisfy { $0 != nil } })
        #expect(try votes() == [true, false, true])
        let fresh = try LedgerDatabase(path: runtime.directory.chainPath)
        let weights = try ids.compactMap { try fresh.contribution($0)?.votes.first?.weight }
        #expect(weights == [Token.tokens(200), Token.tokens(200), Token.tokens(200)])
        curator.stop()
        #expect(curator.voteCount == 3)
        #expect(curator.acceptVoteCount == 2 && curator.rejectVoteCount == 1)
        #expect(curator.curateOnce() == 0)
        #expect(curator.voteCount == 3)
    }

    @Test func doesNotVoteWithoutCuratorStakeOrOnItsOwnContributions() throws {
        let chain = CuratorTestChain()
        let runtime = try chain.start(slotMilliseconds: 100)
        let ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        let strict = DatanetRules(curatorStakeMin: Token.tokens(500), quorum: Token.tokens(1), voteWindowSeconds: 3_600,
                                  contributionBond: Token.tokens(1), payloadByteCountMax: 4_096)
        let creation = CreateDatanet(name: "strict", summary: "", tags: [], rules: strict)
        #expect(runtime.submit(chain.fromContributor(.createDatanet(creation), nonce: 0)))
        #expect(try CuratorTestChain.wait(seconds: 20) { try !ledger.datanets().isEmpty })
        let datanet = try #require(try ledger.datanets().first).id
        let hash = try runtime.blobs.put(Array(Self.distinct.utf8))
        let contribution = Contribute(datanetID: datanet, contentHash: hash, byteCount: UInt64(Self.distinct.utf8.count),
                                      metadata: "", licence: "", bond: Token.tokens(1))
        #expect(runtime.submit(chain.fromContributor(.contribute(contribution), nonce: 1)))
        #expect(try CuratorTestChain.wait(seconds: 20) {
            try ledger.contributionIDs(datanet: datanet, status: .pending).count == 1
        })
        let curator = try CuratorService(runtime: runtime)
        #expect(curator.curateOnce() == 0)
        #expect(curator.voteCount == 0)
    }

    @Test func waitsForThePayloadBeforeVoting() throws {
        let chain = CuratorTestChain()
        let runtime = try chain.start(slotMilliseconds: 100)
        let ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        let creation = CreateDatanet(name: "late", summary: "", tags: [], rules: Self.rules)
        #expect(runtime.submit(chain.fromContributor(.createDatanet(creation), nonce: 0)))
        #expect(try CuratorTestChain.wait(seconds: 20) { try !ledger.datanets().isEmpty })
        let datanet = try #require(try ledger.datanets().first).id
        let payload = Array(Self.distinct.utf8)
        let contribution = Contribute(datanetID: datanet, contentHash: BLAKE2b256.hash(payload),
                                      byteCount: UInt64(payload.count), metadata: "", licence: "", bond: Token.tokens(1))
        #expect(runtime.submit(chain.fromContributor(.contribute(contribution), nonce: 1)))
        #expect(try CuratorTestChain.wait(seconds: 20) {
            try ledger.contributionIDs(datanet: datanet, status: .pending).count == 1
        })
        let curator = try CuratorService(runtime: runtime)
        #expect(curator.curateOnce() == 0)
        try runtime.blobs.put(payload)
        #expect(curator.curateOnce() == 1)
        #expect(curator.acceptVoteCount == 1)
        #expect(curator.curateOnce() == 0)
    }
}
