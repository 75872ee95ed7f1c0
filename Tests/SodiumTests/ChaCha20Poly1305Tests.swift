import Testing
import TestSupport
import Sodium

@Suite struct ChaCha20Poly1305Tests {
    /// RFC 8439 §2.8.2.
    enum Section2Point8Point2 {
        static let plaintext = Array(
            "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
                .utf8
        )
        static let additionalData = [UInt8](hex: "50515253c0c1c2c3c4c5c6c7")
        static let key = SecretBytes(copying: (0x80...0x9f).map { UInt8($0) })
        static let nonce = [UInt8](hex: "07000000 40414243 44454647")
        static let ciphertext = [UInt8](hex: """
            d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6
            3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36
            92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
            3ff4def08e4b7a9de576d26586cec64b6116
            """)
        static let tag = [UInt8](hex: "1ae10b594f09e26a7e902ecbd0600691")
        static let sealed = ciphertext + tag
    }

    /// RFC 8439 Appendix A.5, a decryption vector.
    enum AppendixA5 {
        static let key = SecretBytes(copying: [UInt8](hex: """
            1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0
            """))
        static let nonce = [UInt8](hex: "000000000102030405060708")
        static let additionalData = [UInt8](hex: "f33388860000000000004e91")
        static let ciphertext = [UInt8](hex: """
            64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2
            4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf
            332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855
            9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4
            b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e
            af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a
            0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10
            49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29
            a6ad5cb4022b02709b
            """)
        static let tag = [UInt8](hex: "eead9d67890cbb22392336fea1851f38")
        static let plaintext = Array("""
            Internet-Drafts are draft documents valid for a maximum of six months and may be updated, \
            replaced, or obsoleted by other documents at any time. It is inappropriate to use \
            Internet-Drafts as reference material or to cite them other than as \
            /\u{201C}work in progress./\u{201D}
            """.utf8)
    }

    typealias Vector = Section2Point8Point2

    @Test func sealsLikeSection2Point8Point2() throws {
        let sealed = try ChaCha20Poly1305.seal(
            Vector.plaintext, key: Vector.key, nonce: Vector.nonce, authenticating: Vector.additionalData
        )
        #expect(sealed.hex == Vector.sealed.hex)
    }

    @Test func opensSection2Point8Point2() throws {
        let opened = try ChaCha20Poly1305.open(
            Vector.sealed, key: Vector.key, nonce: Vector.nonce, authenticating: Vector.additionalData
        )
        #expect(opened == Vector.plaintext)
    }

    @Test func opensAppendixA5() throws {
        let opened = try ChaCha20Poly1305.open(
            AppendixA5.ciphertext + AppendixA5.tag, key: AppendixA5.key, nonce: AppendixA5.nonce,
            authenticating: AppendixA5.additionalData
        )
        #expect(AppendixA5.plaintext.count == 265)
        #expect(opened == AppendixA5.plaintext)
    }

    @Test(arguments: [0, 57, 113, 114, 129])
    func flippedBitFailsAuthentication(index: Int) {
        var sealed = Vector.sealed
        sealed[index] ^= 0x01
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open(sealed, key: Vector.key, nonce: Vector.nonce, authenticating: Vector.additionalData)
        }
    }

    @Test func alteredAdditionalDataFailsAuthentication() {
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open(Vector.sealed, key: Vector.key, nonce: Vector.nonce, authenticating: [UInt8]())
        }
        var data = Vector.additionalData
        data[11] ^= 0x80
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open(Vector.sealed, key: Vector.key, nonce: Vector.nonce, authenticating: data)
        }
    }

    @Test func wrongKeyOrNonceFailsAuthentication() {
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open(
                Vector.sealed, key: SecretBytes(randomCount: 32), nonce: Vector.nonce, authenticating: Vector.additionalData
            )
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open(
                Vector.sealed, key: Vector.key, nonce: ChaCha20Poly1305.nonce(counter: 7), authenticating: Vector.additionalData
            )
        }
    }

    @Test(arguments: [0, 1, 15])
    func inputShorterThanATagFailsAuthentication(length: Int) {
        #expect(throws: CryptoError.authenticationFailed) {
            try ChaCha20Poly1305.open([UInt8](repeating: 0, count: length), key: Vector.key, nonce: Vector.nonce)
        }
    }

    @Test func emptyPlaintextRoundTrips() throws {
        let key = SecretBytes(randomCount: ChaCha20Poly1305.keyByteCount)
        let nonce = ChaCha20Poly1305.nonce(counter: 0)
        let sealed = try ChaCha20Poly1305.seal([UInt8](), key: key, nonce: nonce)
        #expect(sealed.count == ChaCha20Poly1305.tagByteCount)
        #expect(try ChaCha20Poly1305.open(sealed, key: key, nonce: nonce).isEmpty)
    }

    @Test func nonContiguousInputsRoundTrip() throws {
        let key = SecretBytes(randomCount: 32)
        let nonce = ChaCha20Poly1305.nonce(counter: 1)
        let message = (0..<100).lazy.map { UInt8($0) }
        let sealed = try ChaCha20Poly1305.seal(message, key: key, nonce: nonce[...], authenticating: [1, 2][...])
        #expect(sealed.count == 116)
        #expect(try ChaCha20Poly1305.open(sealed[...], key: key, nonce: nonce, authenticating: [1, 2]) == Array(message))
    }

    @Test(arguments: [0, 16, 31, 33])
    func keyOfWrongLengthThrows(length: Int) {
        let key = SecretBytes(randomCount: length)
        let expected = CryptoError.invalidKeyLength(expected: 32, actual: length)
        #expect(throws: expected) { try ChaCha20Poly1305.seal([1], key: key, nonce: Vector.nonce) }
        #expect(throws: expected) { try ChaCha20Poly1305.open(Vector.sealed, key: key, nonce: Vector.nonce) }
    }

    @Test(arguments: [0, 8, 11, 13, 24])
    func nonceOfWrongLengthThrows(length: Int) {
        let nonce = [UInt8](repeating: 0, count: length)
        let expected = CryptoError.invalidNonceLength(expected: 12, actual: length)
        #expect(throws: expected) { try ChaCha20Poly1305.seal([1], key: Vector.key, nonce: nonce) }
        #expect(throws: expected) { try ChaCha20Poly1305.open(Vector.sealed, key: Vector.key, nonce: nonce) }
    }

    @Test func counterNonceIsFourZerosThenLittleEndianCounter() {
        #expect(ChaCha20Poly1305.nonce(counter: 0) == [UInt8](repeating: 0, count: 12))
        #expect(ChaCha20Poly1305.nonce(counter: 1).hex == "000000000100000000000000")
        #expect(ChaCha20Poly1305.nonce(counter: 0x0102_0304_0506_0708).hex == "000000000807060504030201")
        #expect(ChaCha20Poly1305.nonce(counter: .max).hex == "00000000ffffffffffffffff")
    }
}
