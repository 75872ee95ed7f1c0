/// Mixing a hash taken once (peer ids and message ids keep theirs) with the per-table seed
/// of a set or dictionary, for `Hashable._rawHashValue(seed:)`: far cheaper than hashing the
/// kept hash again with SipHash, as `hash(into:)` would.
///
/// The seed goes through a full 64-bit mix (the SplitMix64 finaliser), not a plain XOR: a
/// table filled in another table's order (a filter, a copy into a smaller table) must not
/// see its buckets in the same order as the first, or linear probing piles entries into
/// long runs.
public enum KeptHash {
    /// `hashCode` mixed with `seed`.
    public static func mix(_ hashCode: Int, seed: Int) -> Int {
        var value = UInt64(truncatingIfNeeded: hashCode ^ seed)
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: value ^ (value >> 31))
    }
}
