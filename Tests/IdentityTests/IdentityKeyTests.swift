import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("IdentityKey")
struct IdentityKeyTests {
    // The libp2p peer-ids spec's Ed25519 private key: seed ‖ public key.
    static let specPrivateKey = hex(PeerIDSpecVectors.ed25519Private)

    @Test("the spec's private key yields the spec's public key and round-trips")
    func specPrivateKey() throws {
        let key = try IdentityKey(libp2pPrivateKey: LibP2PPrivateKey(protobufBytes: Self.specPrivateKey))
        #expect(key.libp2pPublicKey.protobufBytes == PeerIDTests.specPublicKey)
        #expect(key.libp2pPrivateKey.protobufBytes == Self.specPrivateKey)
        #expect(key.peerID.description == "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")
    }

    @Test("a private key whose public half does not match the seed is refused")
    func mismatchedHalves() throws {
        var data = Array(Self.specPrivateKey.dropFirst(4))
        data[63] ^= 1
        let key = LibP2PPrivateKey(type: .ed25519, data: data)
        #expect(throws: IdentityError.invalidKey("the public half does not belong to the seed")) {
            try IdentityKey(libp2pPrivateKey: key)
        }
    }

    @Test("non-Ed25519 and short keys are refused")
    func otherKeyTypes() {
        #expect(throws: IdentityError.unsupportedKeyType(.secp256k1)) {
            try IdentityKey(libp2pPrivateKey: LibP2PPrivateKey(type: .secp256k1, data: [UInt8](repeating: 1, count: 32)))
        }
        #expect(throws: IdentityError.self) {
            try IdentityKey(libp2pPrivateKey: LibP2PPrivateKey(type: .ed25519, data: [UInt8](repeating: 1, count: 32)))
        }
    }

    @Test("signatures verify under the public key")
    func signs() {
        let key = IdentityKey()
        let message = Array("hello".utf8)
        let signature = key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("hellO".utf8)))
    }
}
