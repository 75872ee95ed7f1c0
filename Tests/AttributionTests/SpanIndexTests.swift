import Glibc
import Sodium
import Testing
import TestSupport
@testable import Attribution

@Suite("SpanIndex")
struct SpanIndexTests {
    static let documents: [[UInt32]] = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 1, 2, 3, 10], [], [11, 12, 13, 14, 15]]

    @Test("the file layout, byte for byte, for a hand-laid two-document index")
    func layout() throws {
        let parameters = NearDuplicateParameters.standard
        let index = try AttributionFixtures.index([[5, 6], [6]], parameters: parameters)
        let bytes = index.fileBytes
        // header 64, ids 64, starts 8, credited 8, text 5 × 4 → 24, suffix array 24, root 32
        #expect(bytes.count == 64 + 64 + 8 + 8 + 24 + 24 + 32)
        #expect(Array(bytes[0..<8]) == Array("oln-span".utf8))
        #expect(Array(bytes[8..<24]) == [1, 0, 0, 0, 64, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0])
        #expect(Array(bytes[24..<32]) == [5, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[40..<56]) == [128, 0, 0, 0, 32, 0, 0, 0, 0x00, 0x35, 0x0C, 0x00, 0, 0, 0, 0])
        #expect(Array(bytes[64..<96]) == AttributionFixtures.contributionID(0))
        #expect(Array(bytes[128..<136]) == [0, 0, 0, 0, 3, 0, 0, 0])
        #expect(Array(bytes[136..<144]) == [0, 0, 0, 0, 1, 0, 0, 0])
        // text 5 6 | 6 |, then padding
        #expect(Array(bytes[144..<168]) == [5, 0, 0, 0, 6, 0, 0, 0, 255, 255, 255, 255, 6, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0])
        // suffixes: "5 6 |" < "6 | 6 |" < "6 |" (end) … ranks: 0, 3 (6 |), 1 (6 | 6 |), 4 (|), 2 (| 6 |)
        #expect(Array(bytes[168..<192]) == [0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[192...]) == BLAKE2b256.hash(Array(bytes[0..<192])))
        #expect(index.root == Array(bytes[192...]))
    }

    @Test("documents, ids and the text read back")
    func accessors() throws {
        let index = try AttributionFixtures.index(Self.documents)
        #expect(index.documentCount == 4)
        #expect(index.textTokenCount == 6 + 7 + 0 + 5 + 4)
        for (number, tokens) in Self.documents.enumerated() {
            #expect(index.documentTokens(at: number) == tokens)
            #expect(index.documentID(at: number) == AttributionFixtures.contributionID(number))
            #expect(index.creditedDocument(of: number) == number)
        }
        #expect(index.document(containing: 0) == 0)
        #expect(index.document(containing: 6) == 0)
        #expect(index.document(containing: 7) == 1)
        #expect(index.document(containing: 14) == 1)
        #expect(index.document(containing: 15) == 2)
        #expect(index.document(containing: 16) == 3)
    }

    @Test("occurrence counts and positions")
    func occurrences() throws {
        let index = try AttributionFixtures.index(Self.documents)
        #expect(index.occurrenceCount(of: [1, 2, 3]) == 2)
        #expect(index.occurrences(of: [1, 2, 3]) == [0, 10])
        #expect(index.occurrenceCount(of: [1, 2, 3, 4]) == 1)
        #expect(index.occurrenceCount(of: [3]) == 2)
        #expect(index.occurrenceCount(of: [99]) == 0)
        #expect(index.occurrenceCount(of: [6, SpanIndexLimits.separator]) == 0)
        #expect(index.occurrenceCount(of: [6, 7]) == 0)
        #expect(index.occurrenceCount(of: []) == index.textTokenCount)
    }

    @Test("occurrence counts equal a naive search on seeded random corpora")
    func occurrencesAgainstNaive() throws {
        var generator = SeededGenerator.make(for: "SpanIndex.occurrences")
        for _ in 0..<30 {
            let documents = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                AttributionFixtures.randomTokens(Int.random(in: 0...40, using: &generator), vocabulary: 4, using: &generator)
            }
            let index = try AttributionFixtures.index(documents)
            for _ in 0..<40 {
                let pattern = AttributionFixtures.randomTokens(Int.random(in: 1...5, using: &generator), vocabulary: 4, using: &generator)
                let expected = documents.map { AttributionFixtures.naiveOccurrences(of: pattern[...], in: $0).count }.reduce(0, +)
                #expect(index.occurrenceCount(of: pattern) == expected, "pattern \(pattern) in \(documents)")
            }
        }
    }

    @Test("a file written and mapped back is the same index", arguments: [SpanIndexValidation.structure, .full])
    func fileRoundTrip(validation: SpanIndexValidation) throws {
        var generator = SeededGenerator.make(for: "SpanIndex.roundTrip")
        let documents = (0..<20).map { _ in AttributionFixtures.randomTokens(Int.random(in: 0...300, using: &generator), vocabulary: 50, using: &generator) }
        let index = try AttributionFixtures.index(documents)
        let path = "/tmp/oln-span-index-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max, using: &generator))"
        defer { unlink(path) }
        try index.write(toFile: path)
        let mapped = try SpanIndex(mappingFileAt: path, validation: validation)
        #expect(mapped.isMapped)
        #expect(mapped.fileBytes == index.fileBytes)
        #expect(mapped.root == index.root)
        for number in documents.indices { #expect(mapped.documentTokens(at: number) == documents[number]) }
        let copied = try SpanIndex(bytes: index.fileBytes, validation: validation)
        #expect(copied.root == index.root && !copied.isMapped)
    }

    @Test("the same documents give the same file; another order gives another root")
    func determinism() throws {
        let first = try AttributionFixtures.index(Self.documents)
        let second = try AttributionFixtures.index(Self.documents)
        #expect(first.fileBytes == second.fileBytes)
        var reordered = SpanIndexBuilder()
        for number in [1, 0, 2, 3] {
            try reordered.append(contributionID: AttributionFixtures.contributionID(number), tokens: Self.documents[number])
        }
        #expect(reordered.build().root != first.root)
    }

    @Test("an empty index is a valid file")
    func emptyIndex() throws {
        let index = SpanIndexBuilder().build()
        #expect(index.documentCount == 0 && index.textTokenCount == 0)
        #expect(try SpanIndex(bytes: index.fileBytes, validation: .full).root == index.root)
        #expect(SpanAttribution.attribute([1, 2, 3], index: index).weights.isEmpty)
    }

    @Test("a missing file is refused")
    func missingFile() {
        #expect(throws: SpanIndexError.self) { try SpanIndex(mappingFileAt: "/tmp/oln-no-such-span-index") }
    }
}
