import Testing
import TestSupport
import Sodium

@Suite struct Ed25519PrivateKeyTests {
    @Test(arguments: Ed25519Vector.all)
    func derivesThePublicKeyFromTheSeed(vector: Ed25519Vector) throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](hex: vector.secretKey))
        #expect(key.publicKey.bytes.hex == vector.publicKey)
    }

    @Test(arguments: Ed25519Vector.all)
    func signsLikeTheRFC(vector: Ed25519Vector) throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](hex: vector.secretKey))
        #expect(key.signature(for: vector.message).hex == [UInt8](hex: vector.signature).hex)
    }

    @Test func seedRoundTrips() throws {
        let seed = [UInt8](hex: Ed25519Vector.test1.secretKey)
        let key = try Ed25519PrivateKey(seed: seed)
        #expect(key.seed.count == Ed25519PrivateKey.seedByteCount)
        #expect(key.seed.withUnsafeBytes { Array($0) } == seed)
    }

    @Test func randomKeysDifferAndSignVerifiably() {
        let first = Ed25519PrivateKey()
        let second = Ed25519PrivateKey()
        #expect(first.publicKey != second.publicKey)
        let message = Array("hello".utf8)
        let signature = first.signature(for: message)
        #expect(signature.count == Ed25519PublicKey.signatureByteCount)
        #expect(first.publicKey.isValidSignature(signature, for: message))
        #expect(!second.publicKey.isValidSignature(signature, for: message))
    }

    @Test func keyFromStoredSeedMatchesTheOriginal() throws {
        let original = Ed25519PrivateKey()
        let restored = try original.seed.withUnsafeBytes { try Ed25519PrivateKey(seed: $0) }
        #expect(restored.publicKey == original.publicKey)
    }

    @Test(arguments: [0, 31, 33, 64])
    func seedOfWrongLengthThrows(length: Int) {
        #expect(throws: CryptoError.invalidSeedLength(expected: 32, actual: length)) {
            try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: length))
        }
    }

    @Test func signsNonContiguousMessages() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](hex: Ed25519Vector.test3.secretKey))
        let message = [0xaf, 0x82].lazy.map { UInt8($0) }
        #expect(key.signature(for: message).hex == [UInt8](hex: Ed25519Vector.test3.signature).hex)
    }
}
