#if _endian(big)
#error("span index files are read in place as little-endian u32 arrays; big-endian hosts are not supported")
#endif

/// Typed views of a span index's sections inside its storage, with the reads every query
/// and check uses. Positions and ranks are checked against the counts by the callers.
struct SpanIndexSections {
    let layout: SpanIndexLayout
    let bytes: UnsafeRawBufferPointer
    let text: UnsafePointer<UInt32>
    let suffixes: UnsafePointer<UInt32>
    let starts: UnsafePointer<UInt32>
    let credited: UnsafePointer<UInt32>

    /// Views of `bytes` laid out as `layout` (4-byte aligned: sections start at multiples of
    /// 8 from a 64-byte-aligned or page-aligned base).
    init(bytes: UnsafeRawBufferPointer, layout: SpanIndexLayout) {
        precondition(bytes.count == layout.byteCount, "storage length differs from the layout")
        self.layout = layout
        self.bytes = bytes
        let base = bytes.baseAddress!
        text = base.advanced(by: layout.textOffset).bindMemory(to: UInt32.self, capacity: layout.textTokenCount)
        suffixes = base.advanced(by: layout.suffixArrayOffset).bindMemory(to: UInt32.self, capacity: layout.textTokenCount)
        starts = base.advanced(by: layout.documentStartsOffset).bindMemory(to: UInt32.self, capacity: layout.documentCount)
        credited = base.advanced(by: layout.creditedDocumentsOffset).bindMemory(to: UInt32.self, capacity: layout.documentCount)
    }

    var textTokenCount: Int { layout.textTokenCount }
    var documentCount: Int { layout.documentCount }

    /// The token at text position `position` (< textTokenCount).
    @inline(__always) func token(at position: Int) -> UInt32 { UInt32(littleEndian: text[position]) }

    /// The text position of the suffix of rank `rank` (< textTokenCount).
    @inline(__always) func suffix(at rank: Int) -> Int { Int(UInt32(littleEndian: suffixes[rank])) }

    /// Where document `document` starts in the text.
    @inline(__always) func start(of document: Int) -> Int { Int(UInt32(littleEndian: starts[document])) }

    /// One past document `document`'s separator: the next document's start, or the text length.
    @inline(__always) func end(of document: Int) -> Int {
        document + 1 < documentCount ? start(of: document + 1) : textTokenCount
    }

    /// The document whose credit `document` receives.
    @inline(__always) func creditedDocument(of document: Int) -> Int { Int(UInt32(littleEndian: credited[document])) }

    /// Document `document`'s 32-byte id.
    func documentID(of document: Int) -> [UInt8] {
        let offset = layout.documentIDsOffset + document * SpanIndexLimits.documentIDByteCount
        return Array(bytes[offset..<(offset + SpanIndexLimits.documentIDByteCount)])
    }

    /// Document `document`'s tokens (without its separator), in place.
    func tokens(of document: Int) -> UnsafeBufferPointer<UInt32> {
        let start = start(of: document)
        return UnsafeBufferPointer(start: text + start, count: end(of: document) - 1 - start)
    }

    /// The document holding text position `position` (< textTokenCount, documents > 0).
    func document(containing position: Int) -> Int {
        var (low, high) = (0, documentCount)
        while high - low > 1 {
            let middle = (low + high) / 2
            if start(of: middle) <= position { low = middle } else { high = middle }
        }
        return low
    }

    /// The bytes the root covers.
    var rootedBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[0..<layout.rootOffset]) }

    /// The stored root.
    var storedRoot: [UInt8] { Array(bytes[layout.rootOffset..<layout.byteCount]) }
}
