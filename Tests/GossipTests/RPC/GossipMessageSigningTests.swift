import Gossip
import Identity
import Sodium
import TestSupport
import Testing
import Wire

@Suite("GossipMessage signing and verification")
struct GossipMessageSigningTests {
    static let author = try! IdentityKey(privateKey: Ed25519PrivateKey(seed: GossipVectors.authorSeed))

    static func pySigned() throws -> GossipMessage {
        try #require(try GossipRPC(protobufBytes: GossipVectors.pySignedRPC).messages.first)
    }

    @Test("a message signed by py-libp2p (with key) verifies and names its author")
    func verifiesPySigned() throws {
        let message = try Self.pySigned()
        #expect(message.key != nil)
        let author = try message.verify(policy: .strictSign)
        #expect(author?.description == GossipVectors.authorPeerID)
    }

    @Test("signing gives py-libp2p's bytes exactly (py-libp2p's validator accepts them, see the generator)")
    func signsLikePy() throws {
        let message = GossipMessage(data: GossipVectors.data, topic: GossipVectors.topic)
            .signed(by: Self.author, seqno: GossipVectors.seqno)
        let rpc = GossipRPC(messages: [message])
        #expect(rpc.protobufBytes == GossipVectors.signedWithoutKeyRPC)
        #expect(message.key == nil)
        #expect(try message.verify(policy: .strictSign) == Self.author.peerID)
    }

    @Test("an RSA author's message is checked up to its key type: key hashes to from, RSA unsupported")
    func rsaAuthor() throws {
        let message = try GossipMessage(protobufBytes: GossipVectors.rsaSignedMessage)
        #expect(throws: GossipMessageError.unsupportedKeyType(.rsa)) { try message.verify(policy: .strictSign) }
        var withoutKey = message
        withoutKey.key = nil
        #expect(throws: GossipMessageError.missingPublicKey) { try withoutKey.verify(policy: .strictSign) }
    }

    @Test("a key that does not belong to from is refused")
    func keyMismatch() throws {
        var message = try Self.pySigned()
        message.key = IdentityKey(privateKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)))
            .libp2pPublicKey.protobufBytes
        #expect(throws: GossipMessageError.publicKeyMismatch) { try message.verify(policy: .strictSign) }
        message.key = [0x08, 0x01]
        #expect(throws: GossipMessageError.invalidPublicKey("\(WireError.missingField(2))")) {
            try message.verify(policy: .strictSign)
        }
    }

    @Test("altered data, topic, seqno or signature fail verification")
    func tampering() throws {
        let original = try Self.pySigned()
        var changes: [GossipMessage] = []
        var message = original
        message.data = Array("block 43".utf8)
        changes.append(message)
        message = original
        message.topic = "oln/blocks/2"
        changes.append(message)
        message = original
        message.seqno = [0, 0, 0, 0, 0, 0, 0, 9]
        changes.append(message)
        message = original
        message.signature![0] ^= 1
        changes.append(message)
        message = original
        message.signature = Array(message.signature!.prefix(63))
        changes.append(message)
        for changed in changes {
            #expect(throws: GossipMessageError.invalidSignature) { try changed.verify(policy: .strictSign) }
        }
    }

    @Test("strictSign requires signature, from, an 8-byte seqno and a valid peer id")
    func strictSignRequirements() throws {
        let original = try Self.pySigned()
        var message = original
        message.signature = nil
        #expect(throws: GossipMessageError.missingSignature) { try message.verify(policy: .strictSign) }
        message = original
        message.from = nil
        #expect(throws: GossipMessageError.missingAuthor) { try message.verify(policy: .strictSign) }
        message = original
        message.from = [0x00, 0x02, 0x01]
        #expect(throws: GossipMessageError.self) { try message.verify(policy: .strictSign) }
        message = original
        message.seqno = nil
        #expect(throws: GossipMessageError.missingSequenceNumber) { try message.verify(policy: .strictSign) }
        for count in [0, 7, 9, 16] {
            message.seqno = [UInt8](repeating: 1, count: count)
            #expect(throws: GossipMessageError.invalidSequenceNumberLength(byteCount: count)) {
                try message.verify(policy: .strictSign)
            }
        }
    }

    @Test("strictNoSign accepts a bare message and refuses each authorship field")
    func strictNoSign() throws {
        let bare = try GossipMessage(protobufBytes: GossipVectors.unsignedMessage)
        #expect(try bare.verify(policy: .strictNoSign) == nil)
        #expect(throws: GossipMessageError.missingSignature) { try bare.verify(policy: .strictSign) }
        let signed = try Self.pySigned()
        #expect(throws: GossipMessageError.forbiddenField(1)) { try signed.verify(policy: .strictNoSign) }
        var onlySignature = bare
        onlySignature.signature = signed.signature
        #expect(throws: GossipMessageError.forbiddenField(5)) { try onlySignature.verify(policy: .strictNoSign) }
        var onlySeqno = bare
        onlySeqno.seqno = []
        #expect(throws: GossipMessageError.forbiddenField(3)) { try onlySeqno.verify(policy: .strictNoSign) }
        var onlyKey = bare
        onlyKey.key = signed.key
        #expect(throws: GossipMessageError.forbiddenField(6)) { try onlyKey.verify(policy: .strictNoSign) }
    }

    @Test("signed bytes are the prefix and the unsigned fields in order")
    func signedBytesLayout() throws {
        let message = GossipMessage(from: [1], data: [2], seqno: [3], topic: "t", signature: [5], key: [6])
        #expect(message.signedBytes == Array("libp2p-pubsub:".utf8) + hex("0a0101 120102 1a0103 220174"))
    }
}
