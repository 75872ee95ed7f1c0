import Wire

/// Why the policy rejects a contribution.
public enum CurationRejection: Equatable, Sendable, CustomStringConvertible {
    /// The payload is smaller than the policy's minimum.
    case tooSmall(byteCount: UInt64, minimum: Int)
    /// The payload is larger than the datanet's limit or the policy's own.
    case tooLarge(byteCount: UInt64, maximum: UInt64)
    /// The payload's size differs from the size its contribution declared.
    case byteCountMismatch(declared: UInt64, actual: UInt64)
    /// The payload is not valid UTF-8.
    case notText
    /// The payload is UTF-8 but holds only whitespace.
    case noWords
    /// The payload's estimated Jaccard similarity to an earlier one (named by its content
    /// hash) meets the threshold.
    case nearDuplicate(of: [UInt8], similarityPPM: Int)

    /// A short name for logs: `too_small`, `too_large`, …
    public var name: String {
        switch self {
        case .tooSmall: "too_small"
        case .tooLarge: "too_large"
        case .byteCountMismatch: "byte_count_mismatch"
        case .notText: "not_text"
        case .noWords: "no_words"
        case .nearDuplicate: "near_duplicate"
        }
    }

    public var description: String {
        switch self {
        case .tooSmall(let byteCount, let minimum): "\(byteCount) bytes, below the minimum of \(minimum)"
        case .tooLarge(let byteCount, let maximum): "\(byteCount) bytes, above the limit of \(maximum)"
        case .byteCountMismatch(let declared, let actual): "declared \(declared) bytes, holds \(actual)"
        case .notText: "not valid UTF-8 text"
        case .noWords: "no words"
        case .nearDuplicate(let hash, let ppm):
            "near-duplicate (similarity \(ppm) ppm) of \(Base16.encode(hash))"
        }
    }
}
