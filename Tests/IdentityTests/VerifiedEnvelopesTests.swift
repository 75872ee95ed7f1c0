import Testing
@testable import Identity

/// `VerifiedEnvelopes`: a bounded set of verified envelope hashes.
@Suite("VerifiedEnvelopes")
struct VerifiedEnvelopesTests {
    static func hash(_ value: Int) -> [UInt8] { [UInt8](repeating: UInt8(value % 256), count: 31) + [UInt8(value / 256)] }

    @Test("inserted hashes are found; past the capacity the oldest are forgotten")
    func bounded() {
        let set = VerifiedEnvelopes(capacity: 3)
        for value in 0..<3 { set.insert(Self.hash(value)) }
        #expect((0..<3).allSatisfy { set.contains(Self.hash($0)) })
        set.insert(Self.hash(0))  // already there: nothing moves
        set.insert(Self.hash(3))
        #expect(!set.contains(Self.hash(0)))
        #expect(set.contains(Self.hash(1)) && set.contains(Self.hash(3)))
        for value in 4..<10 { set.insert(Self.hash(value)) }
        #expect(set.count == 3)
        #expect((7..<10).allSatisfy { set.contains(Self.hash($0)) })
        #expect(!set.contains(Self.hash(6)))
    }
}
