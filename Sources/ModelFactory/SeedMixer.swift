/// Counter-based pseudo-random values: SplitMix64's finalizer applied to a seed, a purpose
/// and a counter, so that any value can be recomputed alone (no stored stream, no state).
enum SeedMixer {
    /// Distinct streams derived from the one job seed.
    enum Purpose: UInt64 {
        case dataOrder = 1, dropout = 2, projection = 3, initialParameters = 4, exampleShuffle = 5
    }

    /// SplitMix64's output function.
    static func finalize(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// A 64-bit value determined by `seed`, `purpose` and `counter`.
    static func mix(_ seed: UInt64, _ purpose: Purpose, _ counter: UInt64) -> UInt64 {
        let keyed = finalize(seed &+ 0x9e37_79b9_7f4a_7c15 &* purpose.rawValue)
        return finalize(keyed &+ 0x9e37_79b9_7f4a_7c15 &* (counter &+ 1))
    }
}
