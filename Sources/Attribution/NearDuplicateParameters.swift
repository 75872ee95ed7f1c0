/// How near-duplicate contributions are found: MinHash signatures over token shingles
/// (``MinHasher``: one-permutation hashing into `signatureCount` bins),
/// banded for candidate pairs, and an estimated-Jaccard threshold.
///
/// The threshold is checked to make the banding exact: a pair whose signatures agree in at
/// least the required number of places disagrees in fewer places than there are bands, so
/// at least one band agrees entirely and the pair is always a candidate. Clustering therefore
/// finds every pair at or above the threshold, not a probable subset.
public struct NearDuplicateParameters: Equatable, Hashable, Sendable {
    /// Tokens per shingle (a document shorter than this is one shingle).
    public let shingleLength: Int
    /// MinHash values per signature.
    public let signatureCount: Int
    /// Bands the signature is cut into for candidate pairs.
    public let bandCount: Int
    /// The least estimated Jaccard similarity, in parts per million, that joins two
    /// documents in one cluster.
    public let jaccardThresholdPPM: Int
    /// Seeds the shingle hash and the MinHash permutations.
    public let seed: UInt64

    /// The most tokens per shingle.
    public static let shingleLengthMax = 64
    /// The most MinHash values per signature.
    public static let signatureCountMax = 1024

    /// The parameters of every span index built by this version: 5-token shingles, 128
    /// values in 32 bands of 4, threshold 0.8 (103 agreeing values of 128).
    public static let standard = NearDuplicateParameters(
        shingleLength: 5, signatureCount: 128, bandCount: 32, jaccardThresholdPPM: 800_000, seed: 0x6F6C_6E2D_6D69_6E68)

    /// Parameters with the given fields; they must satisfy ``problem(shingleLength:signatureCount:bandCount:jaccardThresholdPPM:)``.
    public init(shingleLength: Int, signatureCount: Int, bandCount: Int, jaccardThresholdPPM: Int, seed: UInt64) {
        let problem = Self.problem(shingleLength: shingleLength, signatureCount: signatureCount, bandCount: bandCount,
                                   jaccardThresholdPPM: jaccardThresholdPPM)
        precondition(problem == nil, problem ?? "")
        self.shingleLength = shingleLength
        self.signatureCount = signatureCount
        self.bandCount = bandCount
        self.jaccardThresholdPPM = jaccardThresholdPPM
        self.seed = seed
    }

    /// Why these values are not usable, or nil when they are.
    public static func problem(shingleLength: Int, signatureCount: Int, bandCount: Int, jaccardThresholdPPM: Int) -> String? {
        guard (1...shingleLengthMax).contains(shingleLength) else { return "shingle length must be 1...\(shingleLengthMax)" }
        guard (1...signatureCountMax).contains(signatureCount) else { return "signature count must be 1...\(signatureCountMax)" }
        guard (1...signatureCount).contains(bandCount), signatureCount % bandCount == 0 else {
            return "band count must divide the signature count"
        }
        guard (1...1_000_000).contains(jaccardThresholdPPM) else { return "threshold must be 1...1,000,000 ppm" }
        let disagreementsAllowed = signatureCount - agreementsRequired(signatureCount: signatureCount, thresholdPPM: jaccardThresholdPPM)
        guard disagreementsAllowed < bandCount else {
            return "threshold too low for exact banding: \(disagreementsAllowed) disagreements allowed, \(bandCount) bands"
        }
        return nil
    }

    /// The least number of agreeing signature values that meets the threshold.
    public var agreementsRequired: Int {
        Self.agreementsRequired(signatureCount: signatureCount, thresholdPPM: jaccardThresholdPPM)
    }

    /// Values per band.
    public var rowsPerBand: Int { signatureCount / bandCount }

    private static func agreementsRequired(signatureCount: Int, thresholdPPM: Int) -> Int {
        (signatureCount * thresholdPPM + 999_999) / 1_000_000
    }
}
