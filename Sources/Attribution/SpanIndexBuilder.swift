import Sodium

/// Collects a Datanet version's accepted contributions, in their deterministic order
/// (acceptance order: earlier documents win credit), and builds the version's ``SpanIndex``.
///
/// A new version's builder can start from the previous version's index: its documents'
/// ids and tokens are read back from the index file, so nothing is tokenized again; the
/// new contributions are appended after them and the suffix array and clusters are rebuilt
/// over the whole text.
public struct SpanIndexBuilder: Sendable {
    /// The near-duplicate parameters the credit table is computed with.
    public let nearDuplicateParameters: NearDuplicateParameters
    private var documentIDs: [UInt8] = []
    private var knownIDs: Set<[UInt8]> = []
    private var text: [UInt32] = []
    private var starts: [UInt32] = []

    /// An empty builder.
    public init(nearDuplicateParameters: NearDuplicateParameters = .standard) {
        self.nearDuplicateParameters = nearDuplicateParameters
    }

    /// A builder holding `index`'s documents, in order, with its near-duplicate parameters.
    public init(extending index: SpanIndex) {
        nearDuplicateParameters = index.nearDuplicateParameters
        let sections = index.sections
        documentIDs = Array(sections.bytes[sections.layout.documentIDsOffset..<sections.layout.documentStartsOffset]
            .prefix(index.documentCount * SpanIndexLimits.documentIDByteCount))
        for document in 0..<index.documentCount { knownIDs.insert(sections.documentID(of: document)) }
        text = UnsafeBufferPointer(start: sections.text, count: index.textTokenCount).map { UInt32(littleEndian: $0) }
        starts = (0..<index.documentCount).map { UInt32(sections.start(of: $0)) }
    }

    /// The documents appended so far.
    public var documentCount: Int { starts.count }
    /// The text length so far: tokens plus one separator per document.
    public var textTokenCount: Int { text.count }

    /// Appends a contribution: its 32-byte id (not already present) and its token ids (none
    /// equal to ``SpanIndexLimits/separator``), keeping the index within its limits.
    public mutating func append(contributionID: [UInt8], tokens: [UInt32]) throws(SpanIndexError) {
        guard contributionID.count == SpanIndexLimits.documentIDByteCount else {
            throw SpanIndexError(.invalidDocumentID, "a contribution id has \(SpanIndexLimits.documentIDByteCount) bytes, not \(contributionID.count)")
        }
        guard !knownIDs.contains(contributionID) else { throw SpanIndexError(.invalidDocumentID, "contribution id appended twice") }
        guard !tokens.contains(SpanIndexLimits.separator) else {
            throw SpanIndexError(.invalidToken, "token \(SpanIndexLimits.separator) is the separator")
        }
        guard documentCount < SpanIndexLimits.documentCountMax else {
            throw SpanIndexError(.limitExceeded, "more than \(SpanIndexLimits.documentCountMax) documents")
        }
        let (newCount, overflow) = text.count.addingReportingOverflow(tokens.count + 1)
        guard !overflow, newCount <= SpanIndexLimits.textTokenCountMax else {
            throw SpanIndexError(.limitExceeded, "more than \(SpanIndexLimits.textTokenCountMax) text tokens")
        }
        knownIDs.insert(contributionID)
        documentIDs += contributionID
        starts.append(UInt32(text.count))
        text += tokens
        text.append(SpanIndexLimits.separator)
    }

    /// Sorts the suffixes, clusters near duplicates and lays out the index file in memory.
    public func build() -> SpanIndex {
        let suffixes = SuffixArray.build(text)
        let credited = representatives()
        let layout: SpanIndexLayout
        do {
            layout = try SpanIndexLayout(documentCount: documentCount, textTokenCount: text.count)
        } catch {
            preconditionFailure("append keeps the builder within the limits: \(error)")
        }
        let header = SpanIndexHeader(documentCount: documentCount, textTokenCount: text.count,
                                     nearDuplicateParameters: nearDuplicateParameters)
        let storage = SpanIndexStorage(byteCount: layout.byteCount) { bytes in
            header.write(into: bytes)
            Self.write(documentIDs, at: layout.documentIDsOffset, in: bytes)
            Self.write(starts, at: layout.documentStartsOffset, in: bytes)
            Self.write(credited, at: layout.creditedDocumentsOffset, in: bytes)
            Self.write(text, at: layout.textOffset, in: bytes)
            Self.write(suffixes.map { UInt32(bitPattern: $0) }, at: layout.suffixArrayOffset, in: bytes)
            let rooted = UnsafeRawBufferPointer(rebasing: bytes[0..<layout.rootOffset])
            BLAKE2b256.hash(rooted, into: UnsafeMutableRawBufferPointer(rebasing: bytes[layout.rootOffset...]))
        }
        do {
            return try SpanIndex(storage: storage, validation: nil)
        } catch {
            preconditionFailure("a built index parses: \(error)")
        }
    }

    private func representatives() -> [UInt32] {
        text.withUnsafeBufferPointer { text in
            NearDuplicateClustering.representatives(count: documentCount, parameters: nearDuplicateParameters) { document in
                let start = Int(starts[document])
                let end = document + 1 < starts.count ? Int(starts[document + 1]) : text.count
                return UnsafeBufferPointer(rebasing: text[start..<(end - 1)])
            }
        }
    }

    private static func write<Element: FixedWidthInteger>(_ values: [Element], at offset: Int, in bytes: UnsafeMutableRawBufferPointer) {
        values.withUnsafeBytes { source in
            UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<(offset + source.count)]).copyMemory(from: source)
        }
    }
}
