/// xoshiro256** seeded through SplitMix64: fast, small, and the same sequence on every
/// machine for a given seed.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = seed
        func nextMixed() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var value = mixer
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
        state = (nextMixed(), nextMixed(), nextMixed(), nextMixed())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A number in 0..<1 with 53 random bits.
    public mutating func nextFraction() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A generator for a separate concern (such as one node), independent of this one's
    /// later draws, derived deterministically.
    public mutating func split() -> SimulationRandom {
        SimulationRandom(seed: next())
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
