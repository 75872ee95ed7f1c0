import Testing
import TestSupport
import Sodium

@Suite struct BLAKE2bTests {
    /// RFC 7693 Appendix A: BLAKE2b-512("abc").
    @Test func rfc7693AppendixA() throws {
        let digest = try BLAKE2b.hash(Array("abc".utf8), outputByteCount: 64)
        #expect(digest.hex == """
            ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
            7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
            """)
    }

    /// blake2b-kat.txt, the first keyed vector: key 00 01 … 3f, empty input.
    @Test func keyedKnownAnswerWithEmptyInput() throws {
        let digest = try BLAKE2b.hash([UInt8](), outputByteCount: 64, key: (0..<64).map { UInt8($0) })
        #expect(digest.hex == """
            10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786\
            b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568
            """)
    }

    @Test func thirtyTwoByteOutputMatchesBLAKE2b256() throws {
        #expect(try BLAKE2b.hash(Array("abc".utf8), outputByteCount: 32).hex == BLAKE2b256Tests.abcDigest)
    }

    @Test func keyChangesTheDigest() throws {
        let unkeyed = try BLAKE2b.hash([1, 2, 3], outputByteCount: 32)
        let keyed = try BLAKE2b.hash([1, 2, 3], outputByteCount: 32, key: [9])
        #expect(unkeyed != keyed)
    }

    @Test(arguments: [1, 16, 20, 48, 64])
    func everySupportedLengthWorks(length: Int) throws {
        #expect(try BLAKE2b.hash([7], outputByteCount: length).count == length)
    }

    @Test(arguments: [-1, 0, 65, 1000])
    func unsupportedLengthThrows(length: Int) {
        #expect(throws: CryptoError.invalidOutputLength(requested: length, allowed: 1...64)) {
            try BLAKE2b.hash([7], outputByteCount: length)
        }
    }

    @Test func keyLongerThan64BytesThrows() {
        #expect(throws: CryptoError.keyTooLong(maximum: 64, actual: 65)) {
            try BLAKE2b.hash([7], outputByteCount: 32, key: [UInt8](repeating: 1, count: 65))
        }
    }
}
