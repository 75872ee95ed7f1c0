import Identity
import Sodium
import TestSupport
import Testing
import Wire
@testable import Gossip

@Suite("GossipPeerOrder")
struct GossipPeerOrderTests {
    @Test("orders peers as their binary ids compare, and matches ids byte for byte")
    func matchesBytes() throws {
        var random = SeededGenerator.make(for: "GossipPeerOrder")
        var peers: [PeerID] = []
        for _ in 0..<40 {
            peers.append(IdentityKey(privateKey: try Ed25519PrivateKey(seed: random.bytes(count: 32))).peerID)
        }
        // A SHA-256 peer id (code 0x12) and an identity one differ in their first byte.
        peers.append(try PeerID(bytes: [0x12, 0x20] + random.bytes(count: 32)))
        let expected = peers.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        #expect(peers.sorted(by: GossipPeerOrder.precedes) == expected)
        for peer in peers {
            #expect(GossipPeerOrder.peer(peer, hasBytes: peer.bytes))
            #expect(!GossipPeerOrder.peer(peer, hasBytes: Array(peer.bytes.dropLast())))
            #expect(!GossipPeerOrder.peer(peer, hasBytes: peer.bytes + [0]))
        }
        let long = Multihash(code: 0x1_0000, digest: [1, 2, 3])
        #expect(Array(GossipPeerOrder.EncodedBytes(long)) == long.bytes)
    }
}
