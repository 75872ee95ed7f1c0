import Testing
import TestSupport
import Sodium

/// The SHA-256 test cases of RFC 5869 Appendix A.
@Suite struct HKDFSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let inputKeyMaterial: [UInt8]
        let salt: [UInt8]
        let info: [UInt8]
        let length: Int
        let pseudoRandomKey: String
        let outputKeyMaterial: String
    }

    static let vectors = [
        Vector(
            testDescription: "A.1 basic",
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22),
            salt: (0x00...0x0c).map { UInt8($0) },
            info: (0xf0...0xf9).map { UInt8($0) },
            length: 42,
            pseudoRandomKey: "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            outputKeyMaterial: "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        ),
        Vector(
            testDescription: "A.2 longer inputs and outputs",
            inputKeyMaterial: (0x00...0x4f).map { UInt8($0) },
            salt: (0x60...0xaf).map { UInt8($0) },
            info: (0xb0...0xff).map { UInt8($0) },
            length: 82,
            pseudoRandomKey: "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            outputKeyMaterial: """
                b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09\
                da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87
                """
        ),
        Vector(
            testDescription: "A.3 empty salt and info",
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22),
            salt: [],
            info: [],
            length: 42,
            pseudoRandomKey: "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            outputKeyMaterial: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        ),
    ]

    @Test(arguments: vectors)
    func extractGivesThePseudoRandomKey(vector: Vector) {
        #expect(HKDFSHA256.extract(salt: vector.salt, inputKeyMaterial: vector.inputKeyMaterial).hex == vector.pseudoRandomKey)
    }

    @Test(arguments: vectors)
    func expandGivesTheOutputKeyMaterial(vector: Vector) throws {
        let output = try HKDFSHA256.expand(
            pseudoRandomKey: [UInt8](hex: vector.pseudoRandomKey), info: vector.info, outputByteCount: vector.length
        )
        #expect(output.hex == vector.outputKeyMaterial)
    }

    @Test(arguments: vectors)
    func deriveKeyDoesBothSteps(vector: Vector) throws {
        let output = try HKDFSHA256.deriveKey(
            inputKeyMaterial: vector.inputKeyMaterial, salt: vector.salt, info: vector.info, outputByteCount: vector.length
        )
        #expect(output.hex == vector.outputKeyMaterial)
    }

    @Test func shorterOutputIsAPrefix() throws {
        let vector = Self.vectors[0]
        let prk = [UInt8](hex: vector.pseudoRandomKey)
        #expect(try HKDFSHA256.expand(pseudoRandomKey: prk, info: vector.info, outputByteCount: 0).isEmpty)
        let short = try HKDFSHA256.expand(pseudoRandomKey: prk, info: vector.info, outputByteCount: 10)
        #expect(short.hex == String(vector.outputKeyMaterial.prefix(20)))
    }

    @Test func maximumOutputLengthIsAllowed() throws {
        let output = try HKDFSHA256.expand(pseudoRandomKey: [UInt8](repeating: 1, count: 32), info: [UInt8](), outputByteCount: 8160)
        #expect(output.count == 8160)
        #expect(HKDFSHA256.maximumOutputByteCount == 8160)
    }

    @Test func longerOutputThrows() {
        #expect(throws: CryptoError.outputTooLong(requested: 8161, maximum: 8160)) {
            try HKDFSHA256.expand(pseudoRandomKey: [UInt8](repeating: 1, count: 32), info: [UInt8](), outputByteCount: 8161)
        }
        #expect(throws: CryptoError.outputTooLong(requested: 10_000, maximum: 8160)) {
            try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [UInt8](), info: [UInt8](), outputByteCount: 10_000)
        }
    }
}
