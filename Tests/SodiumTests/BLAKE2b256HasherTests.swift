import Testing
import TestSupport
import Sodium

@Suite struct BLAKE2b256HasherTests {
    @Test func noInputGivesTheEmptyDigest() {
        #expect(BLAKE2b256Hasher().finalize().hex == BLAKE2b256Tests.emptyDigest)
    }

    @Test func piecesGiveTheOneShotDigest() {
        var hasher = BLAKE2b256Hasher()
        hasher.update(Array("a".utf8))
        hasher.update([UInt8]())
        hasher.update("bc".utf8)
        #expect(hasher.finalize().hex == BLAKE2b256Tests.abcDigest)
    }

    @Test func longInputInOddPiecesEqualsOneShot() {
        let message = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = BLAKE2b256Hasher()
        var start = 0
        for size in [1, 127, 128, 129, 1000, 3615] {
            hasher.update(message[start..<start + size])
            start += size
        }
        #expect(start == message.count)
        #expect(hasher.finalize() == BLAKE2b256.hash(message))
    }

    @Test func copiesHashIndependently() {
        var prefix = BLAKE2b256Hasher()
        prefix.update(Array("ab".utf8))
        var copy = prefix
        copy.update(Array("c".utf8))
        prefix.update(Array("d".utf8))
        #expect(copy.finalize().hex == BLAKE2b256Tests.abcDigest)
        #expect(prefix.finalize() == BLAKE2b256.hash(Array("abd".utf8)))
    }

    @Test func finalizingACopyLeavesTheOriginalUsable() {
        var hasher = BLAKE2b256Hasher()
        hasher.update(Array("ab".utf8))
        let early = hasher
        _ = early.finalize()
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize().hex == BLAKE2b256Tests.abcDigest)
    }
}
