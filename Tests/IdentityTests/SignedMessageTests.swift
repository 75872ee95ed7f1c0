import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("SignedMessage")
struct SignedMessageTests {
    static let chainID: UInt64 = 161_201
    let key = Ed25519PrivateKey()

    @Test("a signed message verifies on the same chain and names its signer")
    func verifies() throws {
        let signed = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key)
        let verified = try SignedMessage<TestNote>.verified(signed.envelopeBytes, chainID: Self.chainID)
        #expect(verified.body == CanonicalMessageTests.note)
        #expect(verified.signer == key.publicKey)
        #expect(verified.signerAddress == AccountAddress(publicKey: key.publicKey))
        #expect(verified.id == signed.id)
        #expect(verified.envelopeBytes == signed.envelopeBytes)
    }

    @Test("an envelope already verified is not checked again; any other still is, and decoding always happens")
    func knownValid() throws {
        var envelope = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key).envelopeBytes
        envelope[envelope.count - 1] ^= 0x01  // the signature's last byte: a bad signature
        let known = VerifiedEnvelopes(capacity: 4)
        #expect(throws: SignedMessageError.invalidSignature) {
            try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID, knownValid: known)
        }
        // Marked as verified (which a node does only after checking it), the signature is skipped.
        known.insert(BLAKE2b256.hash(envelope))
        let decoded = try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID, knownValid: known)
        #expect(decoded.body == CanonicalMessageTests.note)
        var malformed = envelope
        malformed.removeLast()
        known.insert(BLAKE2b256.hash(malformed))
        #expect(throws: SignedMessageError.self) {
            try SignedMessage<TestNote>.verified(malformed, chainID: Self.chainID, knownValid: known)
        }
    }

    @Test("the signature covers the chain id")
    func otherChainRefused() {
        let signed = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key)
        #expect(throws: SignedMessageError.invalidSignature) {
            try SignedMessage<TestNote>.verified(signed.envelopeBytes, chainID: Self.chainID + 1)
        }
    }

    @Test("the signature covers the domain tag")
    func otherDomainRefused() throws {
        let signed = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key)
        #expect(throws: SignedMessageError.invalidSignature) {
            try SignedMessage<OtherNote>.verified(signed.envelopeBytes, chainID: Self.chainID)
        }
    }

    @Test("a body changed after signing is refused")
    func tamperedBody() {
        var envelope = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key).envelopeBytes
        envelope[4] ^= 0x01  // inside the sequence varint of the body
        #expect(throws: SignedMessageError.self) { try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID) }
    }

    @Test("a non-canonical body is refused even when its author signed those exact bytes", arguments: [
        "08968100" + "12026869",       // overlong varint
        "12026869" + "089601",         // out of order
        "089601" + "089601",           // duplicate
        "089601" + "2801",             // unknown field
        "0800",                        // default written out
    ])
    func signedNonCanonicalBody(body: String) {
        let bodyBytes = hex(body)
        let signature = key.signature(for: TestNote.signingBytes(chainID: Self.chainID, body: bodyBytes))
        let envelope = Self.envelope(body: bodyBytes, signer: key.publicKey.bytes, signature: signature)
        #expect(throws: SignedMessageError.self) { try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID) }
    }

    @Test("non-canonical or malformed envelopes are refused")
    func malformedEnvelopes() {
        let signed = SignedMessage(signing: CanonicalMessageTests.note, chainID: Self.chainID, with: key)
        let body = signed.bodyBytes, signer = signed.signer.bytes, signature = signed.signature
        var writer = ProtobufWriter()
        writer.writeBytes(body, field: 1)
        writer.writeBytes(signature, field: 3)
        let missingSigner = writer.bytes
        let unknownField = signed.envelopeBytes + [0x20, 0x01]
        let reordered = Self.field(2, signer) + Self.field(1, body) + Self.field(3, signature)
        let shortKey = Self.envelope(body: body, signer: Array(signer.prefix(31)), signature: signature)
        let shortSignature = Self.envelope(body: body, signer: signer, signature: Array(signature.prefix(63)))
        for envelope in [missingSigner, unknownField, reordered, shortKey, shortSignature, [], [0xff], Array(signed.envelopeBytes.dropLast())] {
            #expect(throws: SignedMessageError.self) { try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID) }
        }
    }

    @Test("an envelope larger than the kind allows is refused")
    func oversized() {
        let envelope = Self.envelope(body: [UInt8](repeating: 0, count: 5000), signer: key.publicKey.bytes, signature: [UInt8](repeating: 0, count: 64))
        #expect(throws: SignedMessageError.self) { try SignedMessage<TestNote>.verified(envelope, chainID: Self.chainID) }
    }

    static func field(_ number: UInt8, _ value: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [number << 3 | 2]
        Varint.append(UInt64(value.count), to: &bytes)
        return bytes + value
    }

    static func envelope(body: [UInt8], signer: [UInt8], signature: [UInt8]) -> [UInt8] {
        field(1, body) + field(2, signer) + field(3, signature)
    }
}

/// The same fields as `TestNote` under another domain tag.
private struct OtherNote: CanonicalMessage {
    static let domainTag = "oln/other-note/1"
    var note: TestNote
    func encode(to writer: inout ProtobufWriter) { note.encode(to: &writer) }
    init(from reader: inout ProtobufReader) throws(WireError) { note = try TestNote(from: &reader) }
}
