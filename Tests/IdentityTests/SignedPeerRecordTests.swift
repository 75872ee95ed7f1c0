import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("SignedPeerRecord")
struct SignedPeerRecordTests {
    static let key = try! IdentityKey(privateKey: Ed25519PrivateKey(seed: PeerRecordVectors.signerSeed))
    static let other = try! IdentityKey(privateKey: Ed25519PrivateKey(seed: PeerRecordVectors.otherSeed))

    static var vectorRecord: PeerRecord {
        PeerRecord(
            peerID: key.peerID, sequence: PeerRecordVectors.sequence,
            addresses: PeerRecordVectors.addresses.map { try! Multiaddr($0) })
    }

    @Test("py-libp2p's sealed record opens here")
    func opensPyRecord() throws {
        let opened = try SignedPeerRecord(opening: PeerRecordVectors.sealed)
        #expect(opened.peerID.description == PeerRecordVectors.signerPeerID)
        #expect(opened.sequence == PeerRecordVectors.sequence)
        #expect(opened.addresses.map(\.description) == PeerRecordVectors.addresses)
        #expect(opened.envelopeBytes == PeerRecordVectors.sealed)
    }

    @Test("our sealed record is byte for byte py-libp2p's (the generator opens it in Python)")
    func sealsLikePy() throws {
        let sealed = SignedPeerRecord(sealing: Self.vectorRecord, with: Self.key)
        #expect(sealed.envelopeBytes == PeerRecordVectors.sealed)
        #expect(try SignedPeerRecord(opening: sealed.envelopeBytes) == sealed)
    }

    @Test("the RFC 0003 text's domain and payload type (rust-libp2p's default) are accepted")
    func legacyForm() throws {
        let opened = try SignedPeerRecord(opening: PeerRecordVectors.legacySealed)
        #expect(opened.record == Self.vectorRecord)
    }

    @Test("a record naming another peer than its signer is refused")
    func mismatch() throws {
        #expect(throws: SignedPeerRecordError.peerMismatch(record: Self.other.peerID, signer: Self.key.peerID)) {
            try SignedPeerRecord(opening: PeerRecordVectors.mismatchSealed)
        }
    }

    @Test("the peer-record payload type signed for another domain is refused")
    func wrongDomain() {
        #expect(throws: SignedPeerRecordError.envelope(.invalidSignature)) {
            try SignedPeerRecord(opening: PeerRecordVectors.wrongDomainSealed)
        }
    }

    @Test("a secp256k1 record is refused as unsupported")
    func unsupported() {
        do {
            _ = try SignedPeerRecord(opening: PeerRecordVectors.secp256k1Sealed)
            Issue.record("a secp256k1 record opened")
        } catch {
            #expect(error == .envelope(.unsupportedKeyType(.secp256k1)))
            #expect(error.isUnsupportedKeyType)
        }
    }

    @Test("another payload type is refused before its signature is checked")
    func otherPayloadType() throws {
        let envelope = SignedEnvelope(sealing: Self.vectorRecord.protobufBytes, payloadType: [0x03, 0x02], domain: "libp2p-peer-record", with: Self.key)
        #expect(throws: SignedPeerRecordError.unexpectedPayloadType([0x03, 0x02])) {
            try SignedPeerRecord(opening: envelope.protobufBytes)
        }
    }

    @Test("a signed payload that is not a record is refused")
    func signedGarbage() {
        let envelope = SignedEnvelope(sealing: [0xff, 0xff], payloadType: PeerRecord.payloadType, domain: PeerRecord.envelopeDomain, with: Self.key)
        #expect(throws: SignedPeerRecordError.self) { try SignedPeerRecord(opening: envelope.protobufBytes) }
    }

    @Test("a larger sequence number is newer")
    func newer() {
        let old = SignedPeerRecord(sealing: PeerRecord(peerID: Self.key.peerID, sequence: 5, addresses: []), with: Self.key)
        let new = SignedPeerRecord(sealing: PeerRecord(peerID: Self.key.peerID, sequence: 6, addresses: []), with: Self.key)
        #expect(new.isNewer(than: old))
        #expect(!old.isNewer(than: new))
        #expect(!old.isNewer(than: old))
    }

    @Test("seeded property: random and mutated envelopes never trap, and whatever opens is consistent")
    func neverTraps() throws {
        var generator = SeededGenerator.make(for: "SignedPeerRecordTests.neverTraps")
        let seeds = [PeerRecordVectors.sealed, PeerRecordVectors.legacySealed, PeerRecordVectors.quicSealed,
                     PeerRecordVectors.mismatchSealed, PeerRecordVectors.secp256k1Sealed]
        var opened = 0
        for round in 0..<4000 {
            let input = round % 4 == 0
                ? generator.bytes(maximumCount: 300)
                : generator.mutate(seeds[Int(generator.next() % UInt64(seeds.count))])
            guard let record = try? SignedPeerRecord(opening: input) else { continue }
            opened += 1
            #expect(record.envelope.signerPeerID == record.peerID)
            #expect(PeerRecord.fits(record.addresses))
            #expect(record.envelopeBytes == input)
        }
        // Mutations that only touch unknown fields or varint-equal spellings may still open.
        #expect(opened < 4000)
    }
}
