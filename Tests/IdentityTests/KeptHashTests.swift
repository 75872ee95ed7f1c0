import Testing
import TestSupport
@testable import Identity

@Suite("KeptHash")
struct KeptHashTests {
    // Expected values from an independent Python SplitMix64 finaliser over hash ^ seed.
    @Test("known answers: the SplitMix64 finaliser of hash ^ seed")
    func knownAnswers() {
        #expect(KeptHash.mix(1, seed: 0) == 6_238_072_747_940_578_789)
        #expect(KeptHash.mix(0x0123_4567_89ab_cdef, seed: 0x7f) == 6_679_424_177_588_409_236)
        #expect(KeptHash.mix(-1, seed: 5) == -7_783_655_361_366_049_209)
    }

    @Test("two tables' seeds give unrelated bucket orders, so a table filled in another's order does not pile up")
    func seedsDecorrelate() {
        var random = SeededGenerator.make(for: "KeptHash seeds")
        let hashes = (0..<4_096).map { _ in Int(Int64(bitPattern: random.next())) }
        let (first, second) = (Int(Int64(bitPattern: random.next())), Int(Int64(bitPattern: random.next())))
        // In the order of a 4,096-bucket table with the first seed, how often do neighbours
        // land next to each other in a 1,024-bucket table with the second? About 3 in 1,024
        // at random; half the time if the seed were only XORed in.
        let ordered = hashes.sorted { KeptHash.mix($0, seed: first) & 4_095 < KeptHash.mix($1, seed: first) & 4_095 }
        let buckets = ordered.map { KeptHash.mix($0, seed: second) & 1_023 }
        let adjacent = zip(buckets, buckets.dropFirst()).filter { abs($0 - $1) <= 1 }.count
        #expect(adjacent < 4_096 / 20, "neighbours in one order stay neighbours in the other: \(adjacent)")
    }
}
