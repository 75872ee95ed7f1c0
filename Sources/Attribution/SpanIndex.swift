/// A Datanet version's span index: its contributions' tokens concatenated with separators,
/// their suffix array, the document table and the near-duplicate credit table, in one file
/// (format in `Attribution.swift` and docs/attribution.md) read in place, memory-mapped.
///
/// Immutable and safe to share between threads. Build one with ``SpanIndexBuilder``.
public final class SpanIndex: @unchecked Sendable {
    /// The bytes and the views of their sections.
    let storage: SpanIndexStorage
    let sections: SpanIndexSections
    /// The near-duplicate parameters the credit table was computed with.
    public let nearDuplicateParameters: NearDuplicateParameters
    /// BLAKE2b-256 of the file's bytes before the root: a receipt's `attribution_root`.
    public let root: [UInt8]

    /// Opens the index file at `path` by mapping it read-only, and checks it.
    public convenience init(mappingFileAt path: String, validation: SpanIndexValidation = .structure) throws(SpanIndexError) {
        try self.init(storage: SpanIndexStorage(mappingFileAt: path), validation: validation)
    }

    /// An index read from a private copy of `bytes` (a whole index file), checked.
    public convenience init(bytes: [UInt8], validation: SpanIndexValidation = .structure) throws(SpanIndexError) {
        let storage = bytes.withUnsafeBytes { SpanIndexStorage(copying: $0) }
        try self.init(storage: storage, validation: validation)
    }

    /// An index over `storage`, checked as `validation` says, or not at all when nil (only
    /// for storage the builder has just filled).
    init(storage: SpanIndexStorage, validation: SpanIndexValidation?) throws(SpanIndexError) {
        let header = try SpanIndexHeader(parsing: storage.bytes)
        let layout = try SpanIndexLayout(documentCount: header.documentCount, textTokenCount: header.textTokenCount)
        guard storage.bytes.count == layout.byteCount else {
            throw SpanIndexError(.truncated, "the file has \(storage.bytes.count) bytes, its header declares \(layout.byteCount)")
        }
        let sections = SpanIndexSections(bytes: storage.bytes, layout: layout)
        if let validation {
            try SpanIndexValidator.validate(sections, parameters: header.nearDuplicateParameters, validation: validation)
        }
        self.storage = storage
        self.sections = sections
        nearDuplicateParameters = header.nearDuplicateParameters
        root = sections.storedRoot
    }

    /// The number of documents (contributions).
    public var documentCount: Int { sections.documentCount }
    /// The text length: all document tokens plus one separator per document.
    public var textTokenCount: Int { sections.textTokenCount }
    /// The file's length in bytes.
    public var byteCount: Int { storage.bytes.count }
    /// Whether the index is read from a file mapping.
    public var isMapped: Bool { storage.isMapped }

    /// Document `document`'s contribution id (32 bytes).
    public func documentID(at document: Int) -> [UInt8] {
        precondition(document >= 0 && document < documentCount, "no document \(document)")
        return sections.documentID(of: document)
    }

    /// Document `document`'s tokens.
    public func documentTokens(at document: Int) -> [UInt32] {
        precondition(document >= 0 && document < documentCount, "no document \(document)")
        return sections.tokens(of: document).map { UInt32(littleEndian: $0) }
    }

    /// The document that receives `document`'s credit: the earliest member of its
    /// near-duplicate cluster (itself when it has no near duplicate before it).
    public func creditedDocument(of document: Int) -> Int {
        precondition(document >= 0 && document < documentCount, "no document \(document)")
        return sections.creditedDocument(of: document)
    }

    /// The file's bytes, as written by ``write(toFile:)``.
    public var fileBytes: [UInt8] { Array(storage.bytes) }

    /// Writes the index to `path` (through a temporary file renamed over it).
    public func write(toFile path: String) throws(SpanIndexError) {
        try storage.write(toFile: path)
    }
}
