/// Where each section of a span index file lies, computed from its two counts with
/// overflow-checked arithmetic. Every section starts at a multiple of 8 bytes.
struct SpanIndexLayout: Equatable, Sendable {
    /// The fixed header length.
    static let headerByteCount = 64
    /// The trailing BLAKE2b-256 root.
    static let rootByteCount = 32

    let documentCount: Int
    let textTokenCount: Int
    let documentIDsOffset: Int
    let documentStartsOffset: Int
    let creditedDocumentsOffset: Int
    let textOffset: Int
    let suffixArrayOffset: Int
    let rootOffset: Int
    let byteCount: Int

    init(documentCount: Int, textTokenCount: Int) throws(SpanIndexError) {
        guard (0...SpanIndexLimits.documentCountMax).contains(documentCount) else {
            throw SpanIndexError(.limitExceeded, "\(documentCount) documents, at most \(SpanIndexLimits.documentCountMax)")
        }
        guard (0...SpanIndexLimits.textTokenCountMax).contains(textTokenCount) else {
            throw SpanIndexError(.limitExceeded, "\(textTokenCount) text tokens, at most \(SpanIndexLimits.textTokenCountMax)")
        }
        self.documentCount = documentCount
        self.textTokenCount = textTokenCount
        documentIDsOffset = Self.headerByteCount
        documentStartsOffset = try Self.end(of: documentIDsOffset, count: documentCount, size: SpanIndexLimits.documentIDByteCount)
        creditedDocumentsOffset = try Self.end(of: documentStartsOffset, count: documentCount, size: 4)
        textOffset = try Self.end(of: creditedDocumentsOffset, count: documentCount, size: 4)
        suffixArrayOffset = try Self.end(of: textOffset, count: textTokenCount, size: 4)
        rootOffset = try Self.end(of: suffixArrayOffset, count: textTokenCount, size: 4)
        let (total, overflow) = rootOffset.addingReportingOverflow(Self.rootByteCount)
        guard !overflow else { throw SpanIndexError(.arithmeticOverflow, "file length overflows") }
        byteCount = total
    }

    /// The offset after a section of `count` items of `size` bytes at `offset`, padded to 8.
    private static func end(of offset: Int, count: Int, size: Int) throws(SpanIndexError) -> Int {
        let (length, lengthOverflow) = count.multipliedReportingOverflow(by: size)
        let (unpadded, sumOverflow) = offset.addingReportingOverflow(length)
        let (padded, padOverflow) = unpadded.addingReportingOverflow(7)
        guard !lengthOverflow, !sumOverflow, !padOverflow else {
            throw SpanIndexError(.arithmeticOverflow, "section length overflows")
        }
        return padded & ~7
    }

    /// The byte ranges of padding that must be zero: after each u32 section.
    var paddingRanges: [Range<Int>] {
        [
            (documentStartsOffset + 4 * documentCount)..<creditedDocumentsOffset,
            (creditedDocumentsOffset + 4 * documentCount)..<textOffset,
            (textOffset + 4 * textTokenCount)..<suffixArrayOffset,
            (suffixArrayOffset + 4 * textTokenCount)..<rootOffset,
        ]
    }
}
