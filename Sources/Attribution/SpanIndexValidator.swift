import Sodium

/// The checks ``SpanIndexValidation`` names, over a file's sections.
enum SpanIndexValidator {
    static func validate(_ sections: SpanIndexSections, parameters: NearDuplicateParameters,
                         validation: SpanIndexValidation) throws(SpanIndexError) {
        try checkRoot(sections)
        try checkPadding(sections)
        try checkDocuments(sections)
        try checkCredited(sections)
        try checkIDs(sections)
        try checkSuffixPermutation(sections)
        if validation == .full {
            try checkRebuilt(sections, parameters: parameters)
        }
    }

    private static func checkRoot(_ sections: SpanIndexSections) throws(SpanIndexError) {
        var digest = [UInt8](repeating: 0, count: BLAKE2b256.byteCount)
        digest.withUnsafeMutableBytes { BLAKE2b256.hash(sections.rootedBytes, into: $0) }
        guard digest == sections.storedRoot else { throw SpanIndexError(.rootMismatch, "the root is not the hash of the file") }
    }

    private static func checkPadding(_ sections: SpanIndexSections) throws(SpanIndexError) {
        for range in sections.layout.paddingRanges where sections.bytes[range].contains(where: { $0 != 0 }) {
            throw SpanIndexError(.nonZeroPadding, "padding at bytes \(range) is not zero")
        }
    }

    /// Starts increase from 0, every document ends in a separator, and no other text
    /// position holds one.
    private static func checkDocuments(_ sections: SpanIndexSections) throws(SpanIndexError) {
        let documentCount = sections.documentCount
        guard documentCount > 0 else {
            guard sections.textTokenCount == 0 else { throw SpanIndexError(.invalidDocumentTable, "text without documents") }
            return
        }
        guard sections.start(of: 0) == 0 else { throw SpanIndexError(.invalidDocumentTable, "the first document does not start at 0") }
        for document in 0..<documentCount {
            let (start, end) = (sections.start(of: document), sections.end(of: document))
            guard start < end, end <= sections.textTokenCount else {
                throw SpanIndexError(.invalidDocumentTable, "document \(document) spans \(start)..<\(end)")
            }
            guard sections.token(at: end - 1) == SpanIndexLimits.separator else {
                throw SpanIndexError(.invalidDocumentTable, "document \(document) does not end in a separator")
            }
        }
        var separators = 0
        for position in 0..<sections.textTokenCount where sections.token(at: position) == SpanIndexLimits.separator {
            separators += 1
        }
        guard separators == documentCount else { throw SpanIndexError(.invalidToken, "a separator inside a document") }
    }

    private static func checkCredited(_ sections: SpanIndexSections) throws(SpanIndexError) {
        for document in 0..<sections.documentCount {
            let credited = sections.creditedDocument(of: document)
            guard credited <= document, sections.creditedDocument(of: credited) == credited else {
                throw SpanIndexError(.invalidDocumentTable, "document \(document) credits \(credited), not a cluster's earliest member")
            }
        }
    }

    private static func checkIDs(_ sections: SpanIndexSections) throws(SpanIndexError) {
        var seen = Set<[UInt8]>(minimumCapacity: sections.documentCount)
        for document in 0..<sections.documentCount where !seen.insert(sections.documentID(of: document)).inserted {
            throw SpanIndexError(.invalidDocumentID, "document \(document) repeats an earlier id")
        }
    }

    private static func checkSuffixPermutation(_ sections: SpanIndexSections) throws(SpanIndexError) {
        let count = sections.textTokenCount
        var seen = [UInt64](repeating: 0, count: (count + 63) / 64)
        for rank in 0..<count {
            let position = sections.suffix(at: rank)
            guard position < count else { throw SpanIndexError(.invalidSuffixArray, "suffix \(rank) starts past the text") }
            let (word, bit) = (position / 64, UInt64(1) << UInt64(position % 64))
            guard seen[word] & bit == 0 else { throw SpanIndexError(.invalidSuffixArray, "position \(position) appears twice") }
            seen[word] |= bit
        }
    }

    private static func checkRebuilt(_ sections: SpanIndexSections, parameters: NearDuplicateParameters) throws(SpanIndexError) {
        let text = Array(UnsafeBufferPointer(start: sections.text, count: sections.textTokenCount)).map { UInt32(littleEndian: $0) }
        let suffixes = SuffixArray.build(text)
        for rank in 0..<suffixes.count where Int(suffixes[rank]) != sections.suffix(at: rank) {
            throw SpanIndexError(.invalidSuffixArray, "rank \(rank) is not the text's sorted suffix")
        }
        let representatives = NearDuplicateClustering.representatives(count: sections.documentCount, parameters: parameters,
                                                                       documents: sections.tokens(of:))
        for document in 0..<representatives.count where Int(representatives[document]) != sections.creditedDocument(of: document) {
            throw SpanIndexError(.invalidDocumentTable, "document \(document)'s cluster differs from its recomputed one")
        }
    }
}
