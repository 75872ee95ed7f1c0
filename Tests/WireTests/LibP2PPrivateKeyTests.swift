import Testing
import TestSupport
@testable import Wire

@Suite struct LibP2PPrivateKeyTests {
    static let vectors: [(String, LibP2PKeyType, Int)] = [
        (PeerIDSpecVectors.ed25519Private, .ed25519, 64),
        (PeerIDSpecVectors.secp256k1Private, .secp256k1, 32),
        (PeerIDSpecVectors.ecdsaPrivate, .ecdsa, 121),
    ]

    @Test(arguments: vectors)
    func decodesAndReencodesSpecVectors(encoding: String, type: LibP2PKeyType, dataByteCount: Int) throws {
        let key = try LibP2PPrivateKey(protobufBytes: hex(encoding))
        #expect(key.type == type)
        #expect(key.data.count == dataByteCount)
        #expect(key.protobufBytes == hex(encoding))
    }

    /// The Ed25519 private key ends with its public key, which is the spec's public key vector.
    @Test func ed25519PrivateKeyHoldsThePublicKey() throws {
        let privateKey = try LibP2PPrivateKey(protobufBytes: hex(PeerIDSpecVectors.ed25519Private))
        let publicKey = try LibP2PPublicKey(protobufBytes: hex(PeerIDSpecVectors.ed25519Public))
        #expect(Array(privateKey.data.suffix(32)) == publicKey.data)
    }

    @Test func descriptionsHideTheKeyBytes() {
        let key = LibP2PPrivateKey(type: .ed25519, data: [UInt8](repeating: 0xab, count: 64))
        #expect(key.description == "LibP2PPrivateKey(Ed25519, 64 bytes)")
        #expect(String(reflecting: key) == key.description)
        #expect(!"\(key)".contains("ab"))
    }

    @Test func rejectsMalformedMessages() {
        #expect(throws: WireError.fieldsOutOfOrder(previous: 2, next: 1)) {
            try LibP2PPrivateKey(protobufBytes: hex("1201010801"))
        }
        #expect(throws: WireError.unknownField(3)) { try LibP2PPrivateKey(protobufBytes: hex("08011201011801")) }
    }

    @Test func randomInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "LibP2PPrivateKey")
        let samples = Self.vectors.map { hex($0.0) }
        for _ in 0..<2_000 {
            let input = generator.mutate(samples.randomElement(using: &generator)!)
            if let key = try? LibP2PPrivateKey(protobufBytes: input) {
                #expect(key.protobufBytes == input)
            }
        }
    }
}
