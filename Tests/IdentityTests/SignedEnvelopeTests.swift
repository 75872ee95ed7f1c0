import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("SignedEnvelope")
struct SignedEnvelopeTests {
    static let key = try! IdentityKey(privateKey: Ed25519PrivateKey(seed: PeerRecordVectors.signerSeed))

    @Test("py-libp2p's envelope decodes to its fields and re-encodes to the same bytes")
    func decodesPyEnvelope() throws {
        let envelope = try SignedEnvelope(protobufBytes: PeerRecordVectors.sealed)
        #expect(envelope.publicKey == Self.key.libp2pPublicKey)
        #expect(envelope.payloadType == [0x03, 0x01])
        #expect(envelope.signature.count == 64)
        #expect(envelope.signerPeerID.description == PeerRecordVectors.signerPeerID)
        #expect(envelope.protobufBytes == PeerRecordVectors.sealed)
        try envelope.verify(domain: "libp2p-peer-record")
    }

    @Test("the signed bytes are the uvarint-prefixed domain, payload type and payload (RFC 0002)")
    func signingBytes() {
        let bytes = SignedEnvelope.signingBytes(domain: "ab", payloadType: [0x03, 0x01], payload: Array(repeating: 7, count: 130))
        #expect(bytes == [2] + Array("ab".utf8) + [2, 0x03, 0x01] + [0x82, 0x01] + Array(repeating: 7, count: 130))
    }

    @Test("sealing signs for the domain: another domain does not verify")
    func domainSeparation() throws {
        let envelope = SignedEnvelope(sealing: [1, 2, 3], payloadType: [9], domain: "oln-test", with: Self.key)
        let decoded = try SignedEnvelope(protobufBytes: envelope.protobufBytes)
        try decoded.verify(domain: "oln-test")
        #expect(throws: SignedEnvelopeError.invalidSignature) { try decoded.verify(domain: "oln-test2") }
    }

    @Test("a changed payload, payload type or signature does not verify")
    func tampered() {
        let envelope = SignedEnvelope(sealing: [1, 2, 3], payloadType: [9], domain: "d", with: Self.key)
        let changed = [
            SignedEnvelope(publicKey: envelope.publicKey, payloadType: [9], payload: [1, 2, 4], signature: envelope.signature),
            SignedEnvelope(publicKey: envelope.publicKey, payloadType: [8], payload: [1, 2, 3], signature: envelope.signature),
            SignedEnvelope(publicKey: envelope.publicKey, payloadType: [9], payload: [1, 2, 3], signature: Array(envelope.signature.dropLast())),
            SignedEnvelope(publicKey: IdentityKey().libp2pPublicKey, payloadType: [9], payload: [1, 2, 3], signature: envelope.signature),
        ]
        for candidate in changed {
            #expect(throws: SignedEnvelopeError.invalidSignature) { try candidate.verify(domain: "d") }
        }
    }

    @Test("keys other than Ed25519 are reported as unsupported, not as bad signatures")
    func unsupportedKey() throws {
        let envelope = try SignedEnvelope(protobufBytes: PeerRecordVectors.secp256k1Sealed)
        #expect(throws: SignedEnvelopeError.unsupportedKeyType(.secp256k1)) { try envelope.verify(domain: "libp2p-peer-record") }
        let shortKey = SignedEnvelope(publicKey: LibP2PPublicKey(type: .ed25519, data: [1, 2]), payloadType: [], payload: [], signature: [])
        #expect(throws: SignedEnvelopeError.self) { try shortKey.verify(domain: "d") }
    }

    @Test("missing, repeated or mistyped fields and oversized input are refused", arguments: [
        ("missing public key", "1202030112010a2a0100"),
        ("missing signature", "0a240801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664"),
        ("repeated payload", "0a240801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad0496641a01001a01002a00"),
        ("varint payload", "0a240801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966418012a00"),
        ("unknown key type", "0a0408091200" + "2a00"),
        ("truncated", "0a24080112"),
    ])
    func malformed(name: String, bytes: String) {
        #expect(throws: SignedEnvelopeError.self, "\(name)") { try SignedEnvelope(protobufBytes: hex(bytes)) }
    }

    @Test("unknown fields are skipped; the signature does not cover them")
    func unknownFieldsSkipped() throws {
        let bytes = PeerRecordVectors.sealed + hex("3a03616263") + hex("4001")
        let envelope = try SignedEnvelope(protobufBytes: bytes)
        try envelope.verify(domain: "libp2p-peer-record")
    }

    @Test("an envelope over the byte limit is refused before it is read")
    func oversized() {
        let bytes = [UInt8](repeating: 0, count: SignedEnvelope.byteCountMax + 1)
        #expect(throws: SignedEnvelopeError.tooLarge(byteCount: SignedEnvelope.byteCountMax + 1, limit: SignedEnvelope.byteCountMax)) {
            try SignedEnvelope(protobufBytes: bytes)
        }
    }
}
