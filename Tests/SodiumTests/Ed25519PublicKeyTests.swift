import Testing
import TestSupport
import Sodium

@Suite struct Ed25519PublicKeyTests {
    @Test(arguments: Ed25519Vector.all)
    func acceptsTheRFCSignature(vector: Ed25519Vector) throws {
        let key = try Ed25519PublicKey(bytes: [UInt8](hex: vector.publicKey))
        #expect(key.isValidSignature([UInt8](hex: vector.signature), for: vector.message))
    }

    @Test(arguments: Ed25519Vector.all)
    func rejectsASignatureWithAFlippedBit(vector: Ed25519Vector) throws {
        let key = try Ed25519PublicKey(bytes: [UInt8](hex: vector.publicKey))
        for index in [0, 31, 32, 63] {
            var signature = [UInt8](hex: vector.signature)
            signature[index] ^= 0x01
            #expect(!key.isValidSignature(signature, for: vector.message))
        }
    }

    @Test func rejectsAnAlteredMessage() throws {
        let vector = Ed25519Vector.test2
        let key = try Ed25519PublicKey(bytes: [UInt8](hex: vector.publicKey))
        #expect(!key.isValidSignature([UInt8](hex: vector.signature), for: [0x73]))
        #expect(!key.isValidSignature([UInt8](hex: vector.signature), for: [0x72, 0x00]))
    }

    @Test(arguments: [0, 1, 63, 65, 128])
    func rejectsSignaturesOfTheWrongLength(length: Int) throws {
        let key = try Ed25519PublicKey(bytes: [UInt8](hex: Ed25519Vector.test1.publicKey))
        #expect(!key.isValidSignature([UInt8](repeating: 0, count: length), for: []))
    }

    @Test func rejectsAllZeroSignatureAndKey() throws {
        let key = try Ed25519PublicKey(bytes: [UInt8](repeating: 0, count: 32))
        #expect(!key.isValidSignature([UInt8](repeating: 0, count: 64), for: [1, 2, 3]))
    }

    @Test(arguments: [0, 31, 33, 64])
    func keyOfWrongLengthThrows(length: Int) {
        #expect(throws: CryptoError.invalidPublicKeyLength(expected: 32, actual: length)) {
            try Ed25519PublicKey(bytes: [UInt8](repeating: 1, count: length))
        }
    }

    @Test func keysCompareByBytes() throws {
        let bytes = [UInt8](hex: Ed25519Vector.test1.publicKey)
        let first = try Ed25519PublicKey(bytes: bytes)
        let second = try Ed25519PublicKey(bytes: bytes[...])
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(first.bytes == bytes)
        #expect(Ed25519PublicKey.byteCount == 32)
        #expect(Ed25519PublicKey.signatureByteCount == 64)
    }
}
