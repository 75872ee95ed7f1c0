import Testing
import TestSupport
import Sodium

@Suite struct X25519PublicKeyTests {
    @Test func keepsTheBytes() throws {
        let bytes = [UInt8](hex: "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
        let key = try X25519PublicKey(bytes: bytes)
        #expect(key.bytes == bytes)
        #expect(X25519PublicKey.byteCount == 32)
    }

    @Test(arguments: [0, 31, 33, 64])
    func keyOfWrongLengthThrows(length: Int) {
        #expect(throws: CryptoError.invalidPublicKeyLength(expected: 32, actual: length)) {
            try X25519PublicKey(bytes: [UInt8](repeating: 9, count: length))
        }
    }

    @Test func keysCompareByBytes() throws {
        let first = try X25519PublicKey(bytes: [UInt8](repeating: 9, count: 32))
        let second = try X25519PublicKey(bytes: (0..<32).map { _ in UInt8(9) })
        let third = try X25519PublicKey(bytes: [UInt8](repeating: 8, count: 32))
        #expect(first == second)
        #expect(first != third)
        #expect(Set([first, second, third]).count == 2)
    }
}
