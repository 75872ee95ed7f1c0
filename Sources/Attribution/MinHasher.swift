/// Seeded MinHash signatures of documents over their token shingles, by one-permutation
/// hashing with rotation densification (Shrivastava and Li, ICML 2014): one hash per
/// shingle instead of one per shingle and signature value.
///
/// A shingle of tokens t₁…t_k hashes to x = f(…f(f(seed ⊕ k) ⊕ t₁)… ⊕ t_k), f the SplitMix64
/// finaliser. The high 32 bits of x pick one of the `signatureCount` bins
/// (⌊x_high · count / 2³²⌋) and each bin keeps its smallest x. An empty bin i takes the value
/// of the first non-empty bin i + d (cyclically) plus d · C, C an odd constant, so two
/// documents agree in a bin with probability their shingle sets' Jaccard similarity.
/// Integer arithmetic only, so every peer computes the same signatures.
public struct MinHasher: Sendable {
    /// The parameters the signatures follow.
    public let parameters: NearDuplicateParameters
    /// Added once per step of rotation to a borrowed value.
    static let rotationStep: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A hasher for `parameters`.
    public init(parameters: NearDuplicateParameters) {
        self.parameters = parameters
    }

    /// The signature of `tokens`, or nil for an empty document (it has no shingles).
    public func signature(of tokens: UnsafeBufferPointer<UInt32>) -> [UInt64]? {
        guard !tokens.isEmpty else { return nil }
        let binCount = parameters.signatureCount
        let length = min(parameters.shingleLength, tokens.count)
        var bins = [UInt64](repeating: .max, count: binCount)
        var filled = [Bool](repeating: false, count: binCount)
        for start in 0...(tokens.count - length) {
            let shingle = shingleHash(tokens, start: start, length: length)
            let bin = Int(((shingle >> 32) &* UInt64(binCount)) >> 32)
            bins[bin] = min(bins[bin], shingle)
            filled[bin] = true
        }
        return (0..<binCount).map { bin in
            if filled[bin] { return bins[bin] }
            var distance = 1
            while !filled[(bin + distance) % binCount] { distance += 1 }
            return bins[(bin + distance) % binCount] &+ UInt64(distance) &* Self.rotationStep
        }
    }

    /// The signature of `tokens`, or nil for an empty document.
    public func signature(of tokens: [UInt32]) -> [UInt64]? {
        tokens.withUnsafeBufferPointer { signature(of: $0) }
    }

    /// Whether two signatures agree in at least ``NearDuplicateParameters/agreementsRequired`` places.
    public func areNearDuplicates(_ first: [UInt64], _ second: [UInt64]) -> Bool {
        var agreements = 0
        for index in 0..<parameters.signatureCount where first[index] == second[index] { agreements += 1 }
        return agreements >= parameters.agreementsRequired
    }

    private func shingleHash(_ tokens: UnsafeBufferPointer<UInt32>, start: Int, length: Int) -> UInt64 {
        var hash = Self.mix(parameters.seed ^ UInt64(length))
        for offset in 0..<length {
            hash = Self.mix(hash ^ UInt64(tokens[start + offset]))
        }
        return hash
    }

    /// The SplitMix64 finaliser (a bijection on 64-bit values), after adding its increment.
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &+ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
