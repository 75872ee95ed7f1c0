/// Groups documents whose MinHash signatures estimate a Jaccard similarity at or above the
/// threshold (joined transitively) and names, for every document, its cluster's earliest
/// member: the document its credit goes to.
///
/// Documents with identical signatures are joined through one table; the rest are compared
/// only with the documents that share a whole band with them, which (see
/// ``NearDuplicateParameters``) includes every pair that meets the threshold. Empty
/// documents have no signature and stay alone.
public enum NearDuplicateClustering {
    /// Each document's cluster representative, the smallest index in its cluster
    /// (`result[d] <= d`, and `result[result[d]] == result[d]`).
    ///
    /// `documents(d)` yields document `d`'s tokens; `count` is the number of documents.
    public static func representatives(
        count: Int, parameters: NearDuplicateParameters,
        documents: (Int) -> UnsafeBufferPointer<UInt32>
    ) -> [UInt32] {
        let hasher = MinHasher(parameters: parameters)
        let signatures = (0..<count).map { hasher.signature(of: documents($0)) }
        var sets = DisjointSets(count: count)
        var firstWithSignature: [[UInt64]: Int] = [:]
        var bands: [BandKey: [Int32]] = [:]
        for document in 0..<count {
            guard let signature = signatures[document] else { continue }
            if let first = firstWithSignature[signature] {
                sets.join(first, document)
                continue
            }
            firstWithSignature[signature] = document
            let keys = bandKeys(of: signature, parameters: parameters)
            for key in keys {
                for candidate in bands[key, default: []] {
                    let other = Int(candidate)
                    if sets.representative(of: other) != sets.representative(of: document),
                       hasher.areNearDuplicates(signatures[other]!, signature) {
                        sets.join(other, document)
                    }
                }
            }
            for key in keys { bands[key, default: []].append(Int32(document)) }
        }
        return (0..<count).map { UInt32(sets.representative(of: $0)) }
    }

    /// One band of a signature, as a hash key.
    struct BandKey: Hashable {
        let band: Int
        let values: ArraySlice<UInt64>
    }

    private static func bandKeys(of signature: [UInt64], parameters: NearDuplicateParameters) -> [BandKey] {
        let rows = parameters.rowsPerBand
        return (0..<parameters.bandCount).map { band in
            BandKey(band: band, values: signature[(band * rows)..<((band + 1) * rows)])
        }
    }
}
