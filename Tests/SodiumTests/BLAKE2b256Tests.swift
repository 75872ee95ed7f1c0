import Testing
import TestSupport
import Sodium

@Suite struct BLAKE2b256Tests {
    static let emptyDigest = "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
    static let abcDigest = "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"

    @Test func emptyInput() {
        #expect(BLAKE2b256.hash([UInt8]()).hex == Self.emptyDigest)
    }

    @Test func abc() {
        #expect(BLAKE2b256.hash(Array("abc".utf8)).hex == Self.abcDigest)
        #expect(BLAKE2b256.hash("abc".utf8).hex == Self.abcDigest)
        #expect(BLAKE2b256.byteCount == 32)
    }
}
