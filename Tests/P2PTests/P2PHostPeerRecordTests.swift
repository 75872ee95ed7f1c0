import Identity
import Testing
import Wire
@testable import P2P

@Suite("P2PHost signed peer records")
struct P2PHostPeerRecordTests {
    static let listenAddresses = [try! Multiaddr("/ip4/192.0.2.1/tcp/4001"), try! Multiaddr("/ip6/2001:db8::1/tcp/4001")]

    static func identifies(_ events: [HostEvent]) -> [IdentifyMessage] {
        events.compactMap { event -> IdentifyMessage? in
            if case .identified(_, _, let message) = event { return message }
            return nil
        }
    }

    @Test("identify carries our sealed record; the peer keeps its addresses as certified")
    func exchanged() throws {
        var pair = HostPair()
        pair.listener.listenAddresses = Self.listenAddresses
        pair.listener.sealPeerRecord(sequence: 1_700_000_000_000)
        pair.dialer.listenAddresses = [try Multiaddr("/ip4/192.0.2.2/tcp/4002")]
        pair.dialer.sealPeerRecord(sequence: 1_700_000_000_500)
        try pair.connect()
        let stored = try #require(pair.dialer.peerStore[pair.listener.peerID]?.signedPeerRecord)
        #expect(stored.sequence == 1_700_000_000_000)
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.certifiedAddresses == Self.listenAddresses)
        #expect(pair.dialer.peerRecordStatistics.accepted >= 1)
        #expect(pair.dialer.peerRecordStatistics.invalid == 0)
        let received = try #require(Self.identifies(pair.dialerEvents).first?.signedPeerRecord)
        #expect(try SignedPeerRecord(opening: received) == pair.listener.localPeerRecord)
    }

    @Test("the sequence number only grows, whatever the caller passes")
    func sequenceGrows() {
        var host = P2PHost(identity: IdentityKey())
        host.sealPeerRecord(sequence: 100)
        #expect(host.localPeerRecord?.sequence == 100)
        host.sealPeerRecord(sequence: 50)
        #expect(host.localPeerRecord?.sequence == 101)
        host.sealPeerRecord(sequence: 500)
        #expect(host.localPeerRecord?.sequence == 500)
        host.sealPeerRecord(sequence: .max)
        host.sealPeerRecord(sequence: 0)
        #expect(host.localPeerRecord?.sequence == .max)
    }

    @Test("a record that no longer lists the listen addresses is not sent")
    func staleRecordWithheld() throws {
        var host = P2PHost(identity: IdentityKey())
        host.listenAddresses = Self.listenAddresses
        host.sealPeerRecord(sequence: 1)
        #expect(host.identifyMessage(observed: nil).signedPeerRecord == host.localPeerRecord?.envelopeBytes)
        host.listenAddresses.append(try Multiaddr("/ip4/192.0.2.9/tcp/9"))
        #expect(host.identifyMessage(observed: nil).signedPeerRecord == nil)
    }

    @Test("identify push with a resealed record replaces the older record at the peer")
    func pushReplaces() throws {
        var pair = HostPair()
        pair.listener.listenAddresses = [Self.listenAddresses[0]]
        pair.listener.sealPeerRecord(sequence: 10)
        try pair.connect()
        pair.listener.listenAddresses = Self.listenAddresses
        pair.listener.sealPeerRecord(sequence: 20)
        pair.absorb(pair.listener.pushIdentify(now: pair.now), fromListener: true)
        pair.run()
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.signedPeerRecord?.sequence == 20)
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.certifiedAddresses == Self.listenAddresses)
    }

    @Test("a record of another peer is counted and ignored; the connection stays")
    func otherPeersRecordIgnored() throws {
        var pair = HostPair()
        let other = IdentityKey()
        pair.listener.listenAddresses = Self.listenAddresses
        pair.listener.localPeerRecord = SignedPeerRecord(
            sealing: PeerRecord(peerID: other.peerID, sequence: 1, addresses: Self.listenAddresses), with: other)
        try pair.connect()
        #expect(pair.dialer.peerRecordStatistics.invalid >= 1)
        #expect(pair.dialer.peerRecordStatistics.accepted == 0)
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.signedPeerRecord == nil)
        #expect(pair.dialer.peerStore[other.peerID] == nil)
        #expect(pair.dialer.connectionCount == 1)
        #expect(!Self.identifies(pair.dialerEvents).isEmpty)
    }

    @Test("malformed, forged and unsupported records are counted apart")
    func counted() throws {
        var host = P2PHost(identity: IdentityKey())
        let peer = IdentityKey()
        let record = PeerRecord(peerID: peer.peerID, sequence: 3, addresses: Self.listenAddresses)
        host.receivedPeerRecord([0x0a, 0xff], from: peer.peerID, now: .seconds(1))
        let secp256k1 = SignedEnvelope(
            publicKey: LibP2PPublicKey(type: .secp256k1, data: [0x02] + Array(repeating: 7, count: 32)),
            payloadType: PeerRecord.payloadType, payload: record.protobufBytes, signature: Array(repeating: 1, count: 70))
        host.receivedPeerRecord(secp256k1.protobufBytes, from: peer.peerID, now: .seconds(1))
        var forged = SignedPeerRecord(sealing: record, with: peer).envelope
        forged = SignedEnvelope(publicKey: forged.publicKey, payloadType: forged.payloadType, payload: forged.payload + [0x10, 0x09], signature: forged.signature)
        host.receivedPeerRecord(forged.protobufBytes, from: peer.peerID, now: .seconds(1))
        #expect(host.peerRecordStatistics == {
            var expected = PeerRecordStatistics()
            expected.invalid = 2
            expected.unsupported = 1
            return expected
        }())
        host.receivedPeerRecord(SignedPeerRecord(sealing: record, with: peer).envelopeBytes, from: peer.peerID, now: .seconds(2))
        host.receivedPeerRecord(SignedPeerRecord(sealing: record, with: peer).envelopeBytes, from: peer.peerID, now: .seconds(3))
        #expect(host.peerRecordStatistics.accepted == 1)
        #expect(host.peerRecordStatistics.stale == 1)
    }
}
