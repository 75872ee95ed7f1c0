import Attribution
import Foundation

/// `oln-bench attribution`: a seeded synthetic Datanet of `--tokens` tokens (documents of
/// 200–2,000 tokens over a skewed 32,000-token vocabulary), indexed, written, mapped back and
/// queried with `--queries` outputs of `--output-tokens` tokens.
///
/// Half the outputs quote four 64-token passages of random documents (verbatim recall; every
/// span is credited), half are fresh draws from the same vocabulary (short common matches
/// only). Prints index build speed, file size, open (map + structure check) time, query and
/// verification latency percentiles, and the time to extend the index by 1 % new documents.
enum AttributionBenchmark {
    static func run(arguments: [String]) {
        let tokens = BenchSupport.option("--tokens", in: arguments).flatMap(Int.init) ?? 10_000_000
        let queries = BenchSupport.option("--queries", in: arguments).flatMap(Int.init) ?? 1_000
        let outputTokens = BenchSupport.option("--output-tokens", in: arguments).flatMap(Int.init) ?? 256
        let seed = BenchSupport.option("--seed", in: arguments).flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        guard (10_000...1_000_000_000).contains(tokens), queries > 0, (64...16_384).contains(outputTokens) else {
            BenchSupport.print("attribution: --tokens 10000...1000000000, --queries > 0, --output-tokens 64...16384")
            exit(2)
        }
        var generator = SplitMix(state: seed)
        BenchSupport.print("attribution: seed \(seed) (replay with --seed \(seed)), \(tokens) tokens, "
                           + "\(queries) queries of \(outputTokens) tokens")
        let documents = corpus(tokens: tokens, using: &generator)
        var builder = SpanIndexBuilder()
        for (number, document) in documents.enumerated() {
            do {
                try builder.append(contributionID: contributionID(number), tokens: document)
            } catch {
                BenchSupport.print("attribution: \(error)")
                exit(1)
            }
        }
        var start = BenchSupport.seconds()
        let built = builder.build()
        let buildSeconds = BenchSupport.seconds() - start
        BenchSupport.print("  build          \(documents.count) documents, \(built.textTokenCount) text tokens in "
                           + "\(BenchSupport.format(buildSeconds, decimals: 2)) s: "
                           + "\(BenchSupport.format(Double(built.textTokenCount) / buildSeconds / 1e6, decimals: 2)) M tokens/s, "
                           + "RSS \(BenchSupport.residentBytes() >> 20) MiB")
        let index = writeAndMap(built)
        measureQueries(index: index, documents: documents, queries: queries, outputTokens: outputTokens, using: &generator)
        start = BenchSupport.seconds()
        var extending = SpanIndexBuilder(extending: index)
        let added = corpus(tokens: tokens / 100, using: &generator)
        for (number, document) in added.enumerated() {
            try? extending.append(contributionID: contributionID(documents.count + number), tokens: document)
        }
        let extended = extending.build()
        BenchSupport.print("  extend         +\(added.count) documents (1 %) from the mapped index, rebuilt in "
                           + "\(BenchSupport.format(BenchSupport.seconds() - start, decimals: 2)) s, \(extended.textTokenCount) text tokens")
    }

    /// Writes the index to a temporary file and maps it back, timing the open.
    private static func writeAndMap(_ index: SpanIndex) -> SpanIndex {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oln-span-bench-\(UUID().uuidString).index").path
        defer { unlink(path) }
        do {
            try index.write(toFile: path)
            let start = BenchSupport.seconds()
            let mapped = try SpanIndex(mappingFileAt: path)
            BenchSupport.print("  file           \(mapped.byteCount >> 20) MiB (\(mapped.byteCount / max(1, mapped.textTokenCount)) bytes/token); "
                               + "open + structure check \(BenchSupport.format((BenchSupport.seconds() - start) * 1000)) ms")
            return mapped
        } catch {
            BenchSupport.print("attribution: \(error)")
            exit(1)
        }
    }

    private static func measureQueries(index: SpanIndex, documents: [[UInt32]], queries: Int, outputTokens: Int,
                                       using generator: inout SplitMix) {
        var recall: [Double] = []
        var fresh: [Double] = []
        var verification: [Double] = []
        var quotedCredited = 0
        for query in 0..<queries {
            let quoting = query % 2 == 0
            var source = 0
            let output: [UInt32]
            if quoting {
                source = Int(generator.next() % UInt64(documents.count))
                output = quotation(of: documents, first: source, tokens: outputTokens, using: &generator)
            } else {
                output = (0..<outputTokens).map { _ in token(using: &generator) }
            }
            let start = BenchSupport.seconds()
            let result = SpanAttribution.attribute(output, index: index)
            let elapsed = BenchSupport.seconds() - start
            if quoting { recall.append(elapsed) } else { fresh.append(elapsed) }
            if quoting, result.weights.contains(where: { $0.contributionID == contributionID(source) }) { quotedCredited += 1 }
            let verifyStart = BenchSupport.seconds()
            let verdict = SpanAttributionVerifier.verify(method: SpanAttribution.method, attributionRoot: result.indexRoot,
                                                         attribution: result.weights, output: output, index: index)
            verification.append(BenchSupport.seconds() - verifyStart)
            precondition(verdict.isConfirmed, "an honest attribution must verify")
        }
        report("query, quoting", recall)
        report("query, fresh", fresh)
        report("query, all", recall + fresh)
        report("verify (tier 1)", verification)
        BenchSupport.print("  recall         the quoted document credited in \(quotedCredited) of \(recall.count) quoting outputs")
    }

    private static func report(_ name: String, _ seconds: [Double]) {
        guard !seconds.isEmpty else { return }
        let sorted = seconds.sorted()
        func percentile(_ fraction: Double) -> String {
            BenchSupport.format(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] * 1000, decimals: 2)
        }
        BenchSupport.print("  " + name.padding(toLength: 17, withPad: " ", startingAt: 0)
                           + "p50 \(percentile(0.5)) ms, p99 \(percentile(0.99)) ms, max \(percentile(1)) ms (\(sorted.count) runs)")
    }

    /// Four 64-token passages from random documents, the first from `first`, cut to `tokens`.
    private static func quotation(of documents: [[UInt32]], first: Int, tokens: Int, using generator: inout SplitMix) -> [UInt32] {
        var output: [UInt32] = []
        var document = first
        while output.count < tokens {
            let source = documents[document]
            let start = Int(generator.next() % UInt64(source.count - 64))
            output += source[start..<(start + 64)]
            document = Int(generator.next() % UInt64(documents.count))
        }
        return Array(output.prefix(tokens))
    }

    /// Documents of 200–2,000 tokens until `tokens` tokens.
    private static func corpus(tokens: Int, using generator: inout SplitMix) -> [[UInt32]] {
        var documents: [[UInt32]] = []
        var total = 0
        while total < tokens {
            let count = min(200 + Int(generator.next() % 1_801), max(200, tokens - total))
            documents.append((0..<count).map { _ in token(using: &generator) })
            total += count
        }
        return documents
    }

    /// A token from a skewed 32,000-token vocabulary: a uniform draw below a uniform bound,
    /// so small ids are common (roughly a log-uniform law, like word frequencies).
    private static func token(using generator: inout SplitMix) -> UInt32 {
        let bound = 1 + generator.next() % 32_000
        return UInt32(generator.next() % bound)
    }

    private static func contributionID(_ number: Int) -> [UInt8] {
        var id = [UInt8](repeating: 0x5A, count: 32)
        for byte in 0..<8 { id[byte] = UInt8((number >> (8 * byte)) & 0xFF) }
        return id
    }

    /// SplitMix64, seeded, for the synthetic corpus.
    struct SplitMix {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}
