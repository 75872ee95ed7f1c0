import Testing
import TestSupport
import Attribution

@Suite("PartsPerMillion")
struct PartsPerMillionTests {
    /// Computed by hand: floors of s · 10⁶ / S, spare parts to the largest remainders,
    /// ties to the earlier entry.
    @Test("known splits", arguments: [
        ([1], [1_000_000]),
        ([1, 1, 1], [333_334, 333_333, 333_333]),
        ([2, 1], [666_667, 333_333]),
        ([1, 2, 3, 4, 5, 6, 7], [35_714, 71_429, 107_143, 142_857, 178_571, 214_286, 250_000]),
        ([360_448, 327_680, 196_608], [407_408, 370_370, 222_222]),
        ([1, 1, 1, 1, 1, 1, 1], [142_858, 142_857, 142_857, 142_857, 142_857, 142_857, 142_857]),
        ([3_000_000, 1], [1_000_000, 0]),
        ([1_999_998, 1], [999_999, 1]),
        ([5_000_000, 1], [1_000_000, 0]),
    ] as [([UInt64], [UInt32])])
    func knownSplits(scores: [UInt64], expected: [UInt32]) {
        #expect(PartsPerMillion.normalize(scores) == expected)
    }

    @Test("no scores, no parts")
    func empty() {
        #expect(PartsPerMillion.normalize([]).isEmpty)
    }

    @Test("sums to exactly 1,000,000 for seeded random scores, huge ones included")
    func sums() {
        var generator = SeededGenerator.make(for: "PartsPerMillion.sums")
        for _ in 0..<2000 {
            let count = Int.random(in: 1...64, using: &generator)
            let bound: UInt64 = Bool.random(using: &generator) ? 1 << 20 : (UInt64.max / 64)
            let scores = (0..<count).map { _ in UInt64.random(in: 1...bound, using: &generator) }
            let parts = PartsPerMillion.normalize(scores)
            #expect(parts.reduce(0) { $0 + UInt64($1) } == 1_000_000)
            // Each part is its exact share rounded down or up.
            let total = scores.reduce(0, +)
            for (score, part) in zip(scores, parts) {
                let exact = score.multipliedFullWidth(by: 1_000_000)
                let floor = total.dividingFullWidth(exact).quotient
                #expect(UInt64(part) == floor || UInt64(part) == floor + 1)
            }
        }
    }
}
