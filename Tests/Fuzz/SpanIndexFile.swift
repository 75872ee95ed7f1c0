// fuzz-modules: Sodium Attribution
// Fuzzes SpanIndex's file reader: arbitrary bytes, and the same bytes with the trailing
// BLAKE2b-256 root recomputed (so the checks behind the root are reached), are opened with
// structure validation. Opening must never trap; an index that opens must answer span
// attribution and verification without trapping, and full validation of a small one must
// agree with a rebuild: if it passes, rebuilding from its documents gives the same bytes.
import Attribution
import Sodium

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var candidates = [bytes]
    if bytes.count >= 32 {
        let body = Array(bytes.dropLast(32))
        candidates.append(body + BLAKE2b256.hash(body))
    }
    for candidate in candidates {
        guard let index = try? SpanIndex(bytes: candidate) else { continue }
        exercise(index, output: Array(bytes.prefix(64)))
        if index.textTokenCount <= 4_096, (try? SpanIndex(bytes: candidate, validation: .full)) != nil {
            var builder = SpanIndexBuilder(nearDuplicateParameters: index.nearDuplicateParameters)
            for document in 0..<index.documentCount {
                do {
                    try builder.append(contributionID: index.documentID(at: document), tokens: index.documentTokens(at: document))
                } catch {
                    fatalError("a fully validated index holds a document the builder refuses: \(error)")
                }
            }
            if builder.build().fileBytes != candidate { fatalError("a fully validated index differs from its rebuild") }
        }
    }
    return 0
}

/// Queries the index with tokens drawn from its own text and from the input.
private func exercise(_ index: SpanIndex, output seed: [UInt8]) {
    var output = seed.map { UInt32($0) }
    if index.documentCount > 0 {
        output += index.documentTokens(at: 0).prefix(32)
        output += index.documentTokens(at: index.documentCount - 1).suffix(32)
    }
    let parameters = SpanAttributionParameters(spanLengthMin: 2, sourceCountMax: 4, occurrenceScanMax: 64,
                                               spanShareOfOutputPPM: 1_000_000, contributionCountMax: 64,
                                               outputTokenCountMax: 256)
    let result = SpanAttribution.attribute(output, index: index, parameters: parameters)
    let sum = result.weights.reduce(0) { $0 + Int($1.weightPPM) }
    if !result.weights.isEmpty && sum != 1_000_000 { fatalError("weights sum to \(sum)") }
    let verdict = SpanAttributionVerifier.verify(method: SpanAttribution.method, attributionRoot: index.root,
                                                 attribution: result.weights, output: output, index: index, parameters: parameters)
    if !verdict.isConfirmed { fatalError("an attribution does not verify against its own index: \(verdict)") }
    _ = index.occurrenceCount(of: Array(output.prefix(3)))
}
