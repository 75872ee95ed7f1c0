import Testing
@testable import LedgerWorkload

/// Expected values: the xoshiro256** reference outputs for the state (1, 2, 3, 4) (as in
/// the authors' C code and Rust's rand_xoshiro tests) and SplitMix64's well-known first
/// outputs from seed 0, checked with an independent Python implementation.
@Suite("WorkloadRandom")
struct WorkloadRandomTests {
    @Test("xoshiro256** gives the reference outputs")
    func reference() {
        var random = WorkloadRandom(state: (1, 2, 3, 4))
        #expect((0..<6).map { _ in random.next() }
                == [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600])
    }

    @Test("seed 0, stream 0 starts from SplitMix64's first four outputs")
    func seeding() {
        var seeded = WorkloadRandom(seed: 0)
        var direct = WorkloadRandom(state: (0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
                                            0xF88B_B8A8_724C_81EC))
        for _ in 0..<8 { #expect(seeded.next() == direct.next()) }
        var other = WorkloadRandom(seed: 42, stream: 7)
        #expect((0..<4).map { _ in other.next() }
                == [12324983354704563866, 327361404529169866, 10333031322192220770, 481284209650591596])
    }

    @Test("bytes come from whole words, low byte first")
    func bytes() {
        var words = WorkloadRandom(state: (1, 2, 3, 4))
        var bytes = WorkloadRandom(state: (1, 2, 3, 4))
        let first = words.next()
        #expect(bytes.bytes(count: 3) == [UInt8(truncatingIfNeeded: first), UInt8(truncatingIfNeeded: first >> 8),
                                          UInt8(truncatingIfNeeded: first >> 16)])
    }
}
