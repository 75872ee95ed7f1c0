import Testing
import OpenLoRA

/// RandomSource against xoshiro256** seeded by SplitMix64 (the authors' C code transcribed in
/// Python; the same values as rand_xoshiro's Xoshiro256StarStar::seed_from_u64).
@Suite struct RandomSourceTests {
    @Test(arguments: [
        (UInt64(0),
         [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c] as [UInt64]),
        (UInt64(42), [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1]),
    ])
    func knownAnswers(seed: UInt64, expected: [UInt64]) {
        var random = RandomSource(seed: seed)
        #expect((0..<4).map { _ in random.next() } == expected)
    }

    @Test func unitIntervalStaysInRange() {
        var random = RandomSource(seed: 7)
        for _ in 0..<10_000 {
            let value = random.nextUnitInterval()
            #expect(value >= 0 && value < 1)
        }
        #expect(RandomSource(seed: 1) != RandomSource(seed: 2))
    }
}
