import Testing
import TestSupport
import Sodium

@Suite struct SHA256HasherTests {
    @Test func piecesGiveTheOneShotDigest() {
        var hasher = SHA256Hasher()
        for piece in ["abcdbcdecdefdefg", "efghfghighijhijkijkljklmklmn", "", "lmnomnopnopq"] {
            hasher.update(Array(piece.utf8))
        }
        #expect(hasher.finalize().hex == SHA256Tests.twoBlockDigest)
    }

    @Test func byteByByteEqualsOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256Hasher()
        for byte in message {
            hasher.update([byte])
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func noInputGivesTheEmptyDigest() {
        #expect(SHA256Hasher().finalize().hex == SHA256Tests.emptyDigest)
    }

    @Test func copiesHashIndependently() {
        var prefix = SHA256Hasher()
        prefix.update(Array("ab".utf8))
        var copy = prefix
        copy.update(Array("c".utf8))
        prefix.update(Array("d".utf8))
        #expect(copy.finalize().hex == SHA256Tests.abcDigest)
        #expect(prefix.finalize() == SHA256.hash(Array("abd".utf8)))
    }
}
