import Testing
import TestSupport
import Sodium

/// Known answers from FIPS 180-4's examples (also RFC 6234).
@Suite struct SHA256Tests {
    static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let twoBlockMessage = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    static let twoBlockDigest = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"

    @Test func abc() {
        #expect(SHA256.hash(Array("abc".utf8)).hex == Self.abcDigest)
    }

    @Test func emptyMessage() {
        #expect(SHA256.hash([UInt8]()).hex == Self.emptyDigest)
    }

    @Test func message448Bits() {
        #expect(Self.twoBlockMessage.count * 8 == 448)
        #expect(SHA256.hash(Self.twoBlockMessage).hex == Self.twoBlockDigest)
    }

    @Test func acceptsSlicesAndLazyCollections() {
        let padded = [0xff] + Array("abc".utf8) + [0xff]
        #expect(SHA256.hash(padded[1..<4]).hex == Self.abcDigest)
        #expect(SHA256.hash("abc".utf8).hex == Self.abcDigest)
        #expect(SHA256.hash("abc".utf8.lazy.map { $0 }).hex == Self.abcDigest)
        #expect(SHA256.byteCount == 32)
    }
}
