import Sodium
import TestSupport
import Testing

@testable import Noise

@Suite("NoiseCipherState")
struct NoiseCipherStateTests {
    @Test("without a key, bytes pass through and the nonce does not move")
    func noKey() throws {
        var cipher = NoiseCipherState()
        #expect(try cipher.encrypt([1, 2, 3], authenticating: [9]) == [1, 2, 3])
        #expect(try cipher.decrypt([1, 2, 3], authenticating: [9]) == [1, 2, 3])
        #expect(cipher.nonce == 0)
    }

    @Test("messages use ChaCha20-Poly1305 with nonce 0, 1, … in the Noise layout")
    func nonceLayout() throws {
        let key = SecretBytes(copying: [UInt8](repeating: 0x42, count: 32))
        var cipher = NoiseCipherState(key: key)
        cipher.nonce = 0x0102
        let sealed = try cipher.encrypt([7, 7], authenticating: [1])
        let nonce: [UInt8] = [0, 0, 0, 0, 0x02, 0x01, 0, 0, 0, 0, 0, 0]
        #expect(try ChaCha20Poly1305.open(sealed, key: key, nonce: nonce, authenticating: [1]) == [7, 7])
        #expect(cipher.nonce == 0x0103)
    }

    @Test("a failed decryption leaves the nonce where it was")
    func failedDecryptionKeepsNonce() throws {
        var sender = NoiseCipherState(key: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        var receiver = NoiseCipherState(key: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        let sealed = try sender.encrypt([5], authenticating: [])
        #expect(throws: NoiseError.decryptionFailed) { try receiver.decrypt(sealed, authenticating: [0]) }
        #expect(receiver.nonce == 0)
        #expect(try receiver.decrypt(sealed, authenticating: []) == [5])
    }

    @Test("the reserved nonce 2^64 − 1 is never used")
    func reservedNonce() throws {
        var cipher = NoiseCipherState(key: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        cipher.nonce = UInt64.max - 1
        #expect(cipher.remainingNonceCount == 1)
        _ = try cipher.encrypt([1], authenticating: [])
        #expect(cipher.remainingNonceCount == 0)
        #expect(throws: NoiseError.nonceExhausted) { try cipher.encrypt([1], authenticating: []) }
        let tagOnly = [UInt8](repeating: 0, count: 16)
        #expect(throws: NoiseError.nonceExhausted) { try cipher.decrypt(tagOnly, authenticating: []) }
    }
}
