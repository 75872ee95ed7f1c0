import Foundation
import Identity
import Ledger
import Sodium
import Testing
@testable import Node

/// `/oln/blob/1` between runtimes on loopback.
@Suite("blob transfer between nodes", .serialized)
struct BlobTransferTests {
    @Test("a node fetches a blob another holds, in chunks, checked against its hash")
    func fetch() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (holder, address) = try cluster.start(try cluster.directory("node1", key: cluster.validatorKeys[0], bootstrap: []))
        let blob = (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let hash = try holder.blobs.put(blob)
        let (fetcher, _) = try cluster.start(try cluster.directory("fresh", key: nil, bootstrap: [address]))
        #expect(fetcher.fetchBlob(hash, byteCountMax: 1 << 20))
        #expect(NodeCluster.wait(seconds: 10) { fetcher.blobs.contains(hash) })
        #expect(try fetcher.blobs.get(hash) == blob)
        #expect(fetcher.blobs.partialSize(of: hash) == 0)
        fetcher.stop()
        holder.stop()
    }

    @Test("a curator fetches the payload of a contribution once it is finalized")
    func curatorFetchesPayload() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (validator, address) = try cluster.start(try cluster.directory("node1", key: cluster.validatorKeys[0], bootstrap: []))
        let payload = Array("A fact worth knowing.".utf8)
        let hash = try validator.blobs.put(payload)
        let (curator, _) = try cluster.start(try cluster.directory("curator", key: nil, bootstrap: [address],
                                                                   roles: [.relay, .curator]))
        let rules = DatanetRules(curatorStakeMin: Token.tokens(100), quorum: Token.tokens(100), voteWindowSeconds: 3_600,
                                 contributionBond: Token.tokens(1), payloadByteCountMax: 1_000)
        let create = TransactionBuilder.signed(
            .createDatanet(CreateDatanet(name: "facts", summary: "", tags: [], rules: rules)), nonce: 0, fee: nil,
            expiry: cluster.genesisTime + 3_600, parameters: .defaults, chainID: NodeCluster.chainID, key: cluster.client)
        let datanet = LedgerIdentifier.derive(sender: cluster.clientAddress, nonce: 0)
        let contribute = TransactionBuilder.signed(
            .contribute(Contribute(datanetID: datanet, contentHash: hash, byteCount: UInt64(payload.count), metadata: "",
                                   licence: "", bond: Token.tokens(1))),
            nonce: 1, fee: nil, expiry: cluster.genesisTime + 3_600, parameters: .defaults, chainID: NodeCluster.chainID,
            key: cluster.client)
        #expect(validator.submit([create, contribute]) == 2)
        #expect(NodeCluster.wait(seconds: 10) { curator.blobs.contains(hash) })
        #expect(try curator.blobs.get(hash) == payload)
        let contribution = LedgerIdentifier.derive(sender: cluster.clientAddress, nonce: 1)
        // The validator's file has the batch once its commit, in the background, has ended.
        #expect(NodeCluster.wait(seconds: 10) {
            (try? LedgerDatabase(path: validator.directory.chainPath).contribution(contribution)) != nil
        })
        curator.stop()
        validator.stop()
    }
}
