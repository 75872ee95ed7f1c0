import Sodium

/// Which documents are held out for validation: decided per document from its content hash
/// and the seed alone, so a document stays on its side when the Datanet grows.
///
/// u = the first 8 bytes, little-endian, of SHA-256("oln-validation-split" ‖ seed (8 bytes,
/// little-endian) ‖ content hash); the document is held out when u < fraction · 2⁶⁴.
public struct DatasetSplit: Sendable, Equatable {
    /// The expected fraction held out, in [0, 0.5].
    public let validationFraction: Double
    /// The job seed.
    public let seed: UInt64

    /// A split; the fraction must be in [0, 0.5] (programmer error otherwise).
    public init(validationFraction: Double, seed: UInt64) {
        precondition(validationFraction >= 0 && validationFraction <= 0.5, "a fraction validated by the configuration")
        self.validationFraction = validationFraction
        self.seed = seed
    }

    /// Whether the document named `contentHash` is held out.
    public func isValidation(_ contentHash: [UInt8]) -> Bool {
        var input = Array("oln-validation-split".utf8)
        for shift in stride(from: 0, to: 64, by: 8) { input.append(UInt8(truncatingIfNeeded: seed >> UInt64(shift))) }
        input += contentHash
        let digest = SHA256.hash(input)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(digest[index]) << UInt64(8 * index) }
        // fraction ≤ 0.5, so the threshold is at most 2⁶³ and fits.
        let threshold = UInt64(validationFraction * 0x1p64)
        return value < threshold
    }
}
