/// Why a span index was refused (a file that does not parse or validate, a document that
/// breaks a limit) or could not be read or written.
public struct SpanIndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem, for callers and tests that branch on it.
    public enum Kind: String, Equatable, Sendable {
        /// The file ends before a section its header declares, or is longer than declared.
        case truncated
        /// The file does not start with the span index magic bytes.
        case badMagic
        /// A format version, or header length, this reader does not know.
        case unsupportedVersion
        /// A count or length above its named limit.
        case limitExceeded
        /// Sizes or offsets whose arithmetic overflows.
        case arithmeticOverflow
        /// The trailing BLAKE2b-256 root is not the hash of the bytes before it.
        case rootMismatch
        /// Reserved or padding bytes that are not zero.
        case nonZeroPadding
        /// Near-duplicate parameters out of range.
        case invalidParameters
        /// Document starts, separators or credited-document entries that are inconsistent.
        case invalidDocumentTable
        /// A contribution id that appears twice, or is not 32 bytes.
        case invalidDocumentID
        /// A document token equal to the separator, or a separator inside a document.
        case invalidToken
        /// A suffix array that is not a permutation of the text positions, or (under full
        /// validation) not the text's sorted suffixes.
        case invalidSuffixArray
        /// The operating system refused to open, map, or write a file.
        case fileSystem
    }

    /// The class of problem.
    public let kind: Kind
    /// A sentence naming what was wrong.
    public let message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
