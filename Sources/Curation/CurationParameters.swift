import Attribution

/// What the automatic curator accepts, with documented defaults.
public struct CurationParameters: Equatable, Sendable {
    /// The default least payload size: 16 bytes, below which a contribution carries too
    /// little to train on.
    public static let payloadByteCountMinDefault = 16
    /// The default largest payload the policy reads: 16 MiB, whatever a datanet allows.
    public static let payloadByteCountMaxDefault: UInt64 = 16 << 20
    /// The default number of earlier payloads one decision compares against.
    public static let comparedPayloadCountMaxDefault = 10_000
    /// The default near-duplicate test: shingles of 3 words, 128 MinHash values in 32
    /// bands, rejected at an estimated Jaccard similarity of 0.8 or more (103 of 128
    /// values agree).
    public static let nearDuplicateDefault = NearDuplicateParameters(
        shingleLength: 3, signatureCount: 128, bandCount: 32, jaccardThresholdPPM: 800_000, seed: 0x6F6C_6E2D_6375_7261)

    /// Payloads smaller than this many bytes are rejected.
    public var payloadByteCountMin: Int
    /// Payloads larger than this are rejected even when the datanet allows them: it bounds
    /// the bytes the curator reads and hashes per contribution.
    public var payloadByteCountMax: UInt64
    /// The most earlier payloads one decision is compared against (the first ones given).
    public var comparedPayloadCountMax: Int
    /// Shingle length, signature size and the Jaccard threshold of the near-duplicate test.
    public var nearDuplicate: NearDuplicateParameters

    /// Parameters with the given values; the defaults are the named `…Default` constants.
    public init(payloadByteCountMin: Int = payloadByteCountMinDefault,
                payloadByteCountMax: UInt64 = payloadByteCountMaxDefault,
                comparedPayloadCountMax: Int = comparedPayloadCountMaxDefault,
                nearDuplicate: NearDuplicateParameters = nearDuplicateDefault) {
        precondition(payloadByteCountMin >= 0, "the least payload size cannot be negative")
        precondition(comparedPayloadCountMax >= 0, "the compared payload count cannot be negative")
        self.payloadByteCountMin = payloadByteCountMin
        self.payloadByteCountMax = payloadByteCountMax
        self.comparedPayloadCountMax = comparedPayloadCountMax
        self.nearDuplicate = nearDuplicate
    }
}
