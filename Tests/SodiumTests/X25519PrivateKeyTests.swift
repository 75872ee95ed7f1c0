import Testing
import TestSupport
import Sodium

/// Known answers from RFC 7748 §5.2 (the X25519 function) and §6.1 (Diffie-Hellman).
@Suite struct X25519PrivateKeyTests {
    static let alicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
    static let alicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    static let bobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
    static let bobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    static let sharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"

    /// Applies X25519 to a raw scalar and a raw u-coordinate.
    func x25519(scalar: [UInt8], u: [UInt8]) throws -> [UInt8] {
        let secret = try X25519PrivateKey(bytes: scalar).sharedSecret(with: X25519PublicKey(bytes: u))
        return secret.withUnsafeBytes { Array($0) }
    }

    @Test func section5Point2FirstVector() throws {
        let output = try x25519(
            scalar: [UInt8](hex: "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            u: [UInt8](hex: "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
        )
        #expect(output.hex == "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
    }

    /// The u-coordinate has its high bit set, which X25519 must ignore.
    @Test func section5Point2SecondVectorMasksTheHighBit() throws {
        let output = try x25519(
            scalar: [UInt8](hex: "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            u: [UInt8](hex: "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")
        )
        #expect(output.hex == "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")
    }

    @Test func section5Point2IterationsOneAndOneThousand() throws {
        var scalar = [UInt8](repeating: 0, count: 32)
        scalar[0] = 9
        var u = scalar
        for iteration in 1...1000 {
            (scalar, u) = (try x25519(scalar: scalar, u: u), scalar)
            if iteration == 1 {
                #expect(scalar.hex == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")
            }
        }
        #expect(scalar.hex == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
    }

    @Test func section6Point1PublicKeys() throws {
        #expect(try X25519PrivateKey(bytes: [UInt8](hex: Self.alicePrivate)).publicKey.bytes.hex == Self.alicePublic)
        #expect(try X25519PrivateKey(bytes: [UInt8](hex: Self.bobPrivate)).publicKey.bytes.hex == Self.bobPublic)
    }

    @Test func section6Point1SharedSecret() throws {
        let alice = try X25519PrivateKey(bytes: [UInt8](hex: Self.alicePrivate))
        let bob = try X25519PrivateKey(bytes: [UInt8](hex: Self.bobPrivate))
        let aliceSecret = try alice.sharedSecret(with: X25519PublicKey(bytes: [UInt8](hex: Self.bobPublic)))
        let bobSecret = try bob.sharedSecret(with: X25519PublicKey(bytes: [UInt8](hex: Self.alicePublic)))
        #expect(aliceSecret.withUnsafeBytes { Array($0) }.hex == Self.sharedSecret)
        #expect(aliceSecret.isEqual(to: bobSecret))
    }

    @Test func randomKeysAgree() throws {
        let first = X25519PrivateKey()
        let second = X25519PrivateKey()
        #expect(first.publicKey != second.publicKey)
        let firstSecret = try first.sharedSecret(with: second.publicKey)
        #expect(firstSecret.count == 32)
        #expect(firstSecret.isEqual(to: try second.sharedSecret(with: first.publicKey)))
    }

    /// Small-order points (0 and 1 among them) give an all-zero secret, which must be refused.
    @Test(arguments: [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    ])
    func smallOrderPeerKeyThrows(u: String) throws {
        let peer = try X25519PublicKey(bytes: [UInt8](hex: u))
        #expect(throws: CryptoError.weakPublicKey) {
            try X25519PrivateKey().sharedSecret(with: peer)
        }
    }

    @Test(arguments: [0, 31, 33])
    func keyOfWrongLengthThrows(length: Int) {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: length)) {
            try X25519PrivateKey(bytes: [UInt8](repeating: 1, count: length))
        }
    }

    @Test func exposesTheGivenBytes() throws {
        let bytes = [UInt8](hex: Self.alicePrivate)
        let key = try X25519PrivateKey(bytes: bytes)
        #expect(key.withUnsafeBytes { Array($0) } == bytes)
    }
}
