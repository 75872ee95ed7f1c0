import Testing
import TestSupport
import Sodium

@Suite struct CryptoErrorTests {
    static let allErrors: [CryptoError] = [
        .invalidKeyLength(expected: 32, actual: 31),
        .keyTooLong(maximum: 64, actual: 65),
        .invalidPublicKeyLength(expected: 32, actual: 0),
        .invalidSeedLength(expected: 32, actual: 33),
        .invalidNonceLength(expected: 12, actual: 8),
        .authenticationFailed,
        .weakPublicKey,
        .outputTooLong(requested: 9000, maximum: 8160),
        .invalidOutputLength(requested: 0, allowed: 1...64),
    ]

    @Test(arguments: allErrors)
    func descriptionIsOneSentence(error: CryptoError) {
        #expect(error.description.hasSuffix("."))
        #expect(error.description.first?.isUppercase == true)
    }

    @Test func descriptionNamesTheLengths() {
        let description = CryptoError.invalidKeyLength(expected: 32, actual: 31).description
        #expect(description == "The key has 31 bytes, but 32 are required.")
    }

    @Test func equalityComparesAssociatedValues() {
        #expect(CryptoError.invalidKeyLength(expected: 32, actual: 31) == .invalidKeyLength(expected: 32, actual: 31))
        #expect(CryptoError.invalidKeyLength(expected: 32, actual: 31) != .invalidKeyLength(expected: 32, actual: 30))
        #expect(CryptoError.authenticationFailed != .weakPublicKey)
    }
}
