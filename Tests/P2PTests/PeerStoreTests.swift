import Identity
import Testing
import Wire
@testable import P2P

@Suite("PeerStore certified addresses")
struct PeerStoreTests {
    let key = IdentityKey()

    func record(_ sequence: UInt64, _ addresses: [String]) throws -> SignedPeerRecord {
        SignedPeerRecord(
            sealing: PeerRecord(peerID: key.peerID, sequence: sequence, addresses: try addresses.map { try Multiaddr($0) }),
            with: key)
    }

    @Test("a record's addresses come first; a newer one replaces it, an older or equal one does not")
    func newerReplaces() throws {
        var store = PeerStore()
        store.saw(key.peerID, at: try Multiaddr("/ip4/10.0.0.9/tcp/9"), now: .seconds(1))
        #expect(store.certify(try record(5, ["/ip4/10.0.0.1/tcp/1"]), now: .seconds(2)) == .accepted)
        #expect(store[key.peerID]?.addresses.map(\.description) == ["/ip4/10.0.0.1/tcp/1", "/ip4/10.0.0.9/tcp/9"])
        #expect(store.certify(try record(5, ["/ip4/10.0.0.2/tcp/2"]), now: .seconds(3)) == .stale)
        #expect(store.certify(try record(4, ["/ip4/10.0.0.3/tcp/3"]), now: .seconds(3)) == .stale)
        #expect(store[key.peerID]?.certifiedAddresses.map(\.description) == ["/ip4/10.0.0.1/tcp/1"])
        #expect(store.certify(try record(6, ["/ip4/10.0.0.4/tcp/4"]), now: .seconds(4)) == .accepted)
        #expect(store[key.peerID]?.signedPeerRecord?.sequence == 6)
        #expect(store[key.peerID]?.addresses.first?.description == "/ip4/10.0.0.4/tcp/4")
    }

    @Test("identify keeps certified addresses ahead of the addresses it lists")
    func identifyKeepsCertifiedFirst() throws {
        var store = PeerStore()
        store.certify(try record(1, ["/ip4/10.0.0.1/tcp/1"]), now: .seconds(1))
        let message = IdentifyMessage(
            publicKey: key.libp2pPublicKey, listenAddresses: [try Multiaddr("/ip4/10.0.0.2/tcp/2")], protocols: [],
            observedAddress: nil, protocolVersion: nil, agentVersion: nil)
        store.identified(key.peerID, message, now: .seconds(2))
        #expect(store[key.peerID]?.addresses.map(\.description) == ["/ip4/10.0.0.1/tcp/1", "/ip4/10.0.0.2/tcp/2"])
        #expect(store[key.peerID]?.signedPeerRecord?.sequence == 1)
    }

    @Test("a peer first learned from a record is stored, with at most addressCountMax addresses")
    func learnedFromRecord() throws {
        var store = PeerStore()
        let addresses = (1...PeerRecord.addressCountMax).map { "/ip4/10.0.0.\($0)/tcp/1" }
        store.certify(try record(1, addresses), now: .seconds(7))
        #expect(store[key.peerID]?.addresses.count == PeerStore.addressCountMax)
        #expect(store[key.peerID]?.lastSeen == .seconds(7))
    }
}
