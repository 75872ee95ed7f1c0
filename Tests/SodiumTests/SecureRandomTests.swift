import Testing
import TestSupport
import Sodium

@Suite struct SecureRandomTests {
    @Test(arguments: [0, 1, 32, 1000])
    func bytesHaveTheRequestedCount(count: Int) {
        #expect(SecureRandom.bytes(count: count).count == count)
    }

    @Test func twoCallsDiffer() {
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
    }

    @Test func fillOverwritesTheBuffer() {
        var buffer = [UInt8](repeating: 0, count: 64)
        buffer.withUnsafeMutableBytes { SecureRandom.fill($0) }
        #expect(buffer != [UInt8](repeating: 0, count: 64))
    }

    @Test func fillAcceptsAnEmptyBuffer() {
        SecureRandom.fill(UnsafeMutableRawBufferPointer(start: nil, count: 0))
    }

    @Test(arguments: [1, 2, 3, 10, 1000, UInt32.max])
    func uniformStaysBelowTheBound(upperBound: UInt32) {
        for _ in 0..<200 {
            #expect(SecureRandom.uniform(upperBound: upperBound) < upperBound)
        }
    }

    @Test func uniformReachesEveryValueOfASmallRange() {
        let seen = Set((0..<500).map { _ in SecureRandom.uniform(upperBound: 4) })
        #expect(seen == [0, 1, 2, 3])
    }
}
