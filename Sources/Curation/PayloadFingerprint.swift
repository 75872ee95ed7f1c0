import Attribution

/// A text payload's MinHash signature over shingles of its words, and the content hash
/// that names it in rejection reasons.
///
/// Words are the runs of bytes between ASCII whitespace (space, tab, line feed, vertical
/// tab, form feed, carriage return); ASCII capitals are lower-cased so that a change of
/// case alone does not make a payload new. Each word becomes the 32-bit FNV-1a hash of its
/// bytes, and ``MinHasher`` signs the sequence of those tokens.
public struct PayloadFingerprint: Equatable, Sendable {
    /// The payload's content hash (BLAKE2b-256, as the blob store names it).
    public let contentHash: [UInt8]
    /// The MinHash signature: `signatureCount` values.
    public let signature: [UInt64]

    /// A fingerprint with the given fields.
    public init(contentHash: [UInt8], signature: [UInt64]) {
        self.contentHash = contentHash
        self.signature = signature
    }

    /// The word tokens of `text`: one FNV-1a 32 hash per whitespace-separated word.
    public static func wordTokens(of text: [UInt8]) -> [UInt32] {
        var tokens: [UInt32] = []
        var hash = fnvOffsetBasis
        var inWord = false
        for byte in text {
            if isWhitespace(byte) {
                if inWord { tokens.append(hash) }
                hash = fnvOffsetBasis
                inWord = false
            } else {
                let folded = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                hash = (hash ^ UInt32(folded)) &* fnvPrime
                inWord = true
            }
        }
        if inWord { tokens.append(hash) }
        return tokens
    }

    static let fnvOffsetBasis: UInt32 = 0x811C_9DC5
    static let fnvPrime: UInt32 = 0x0100_0193

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
