import Sodium
import Testing
import TestSupport
@testable import Attribution

/// Damaged and forged index files are refused with the right error, and random or mutated
/// bytes never trap.
@Suite("SpanIndex corruption")
struct SpanIndexCorruptionTests {
    static func sampleBytes() throws -> [UInt8] {
        try AttributionFixtures.index([[1, 2, 3, 4, 5, 6], [7, 8, 9, 1, 2, 3, 10], [11, 12, 13]]).fileBytes
    }

    /// `bytes` with the root recomputed, so that the checks after the root are reached.
    static func rerooted(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 32 else { return bytes }
        let body = Array(bytes.dropLast(32))
        return body + BLAKE2b256.hash(body)
    }

    static func kind(of bytes: [UInt8], validation: SpanIndexValidation = .structure) -> SpanIndexError.Kind? {
        do {
            _ = try SpanIndex(bytes: bytes, validation: validation)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test("every single flipped byte is refused")
    func flippedBytes() throws {
        let bytes = try Self.sampleBytes()
        for offset in bytes.indices {
            var damaged = bytes
            damaged[offset] ^= 0x01
            #expect(Self.kind(of: damaged) != nil, "flipped byte \(offset) accepted")
        }
    }

    @Test("truncated and extended files are refused")
    func lengths() throws {
        let bytes = try Self.sampleBytes()
        #expect(Self.kind(of: []) == .truncated)
        #expect(Self.kind(of: Array(bytes.prefix(63))) == .truncated)
        #expect(Self.kind(of: Array(bytes.dropLast())) == .truncated)
        #expect(Self.kind(of: bytes + [0]) == .truncated)
    }

    @Test("header fields")
    func header() throws {
        let bytes = try Self.sampleBytes()
        var magic = bytes
        magic[0] = UInt8(ascii: "O")
        #expect(Self.kind(of: magic) == .badMagic)
        var version = bytes
        version[8] = 2
        #expect(Self.kind(of: version) == .unsupportedVersion)
        var reserved = bytes
        reserved[60] = 1
        #expect(Self.kind(of: reserved) == .nonZeroPadding)
        var threshold = bytes
        threshold[48] = 0; threshold[49] = 0; threshold[50] = 0
        #expect(Self.kind(of: threshold) == .invalidParameters)
        var huge = bytes
        huge[31] = 0x01
        #expect(Self.kind(of: huge) == .limitExceeded)
        var documents = bytes
        documents[19] = 0x10
        #expect(Self.kind(of: documents) == .limitExceeded)
    }

    @Test("a bad root is refused; content faults behind a forged root are refused by kind")
    func forgedRoots() throws {
        let bytes = try Self.sampleBytes()
        var root = bytes
        root[root.count - 1] ^= 0x80
        #expect(Self.kind(of: root) == .rootMismatch)
        let layout = try SpanIndexLayout(documentCount: 3, textTokenCount: 6 + 1 + 7 + 1 + 3 + 1)
        var padding = bytes
        padding[layout.creditedDocumentsOffset - 1] = 1
        #expect(Self.kind(of: Self.rerooted(padding)) == .nonZeroPadding)
        var start = bytes
        start[layout.documentStartsOffset + 4] = 6
        #expect(Self.kind(of: Self.rerooted(start)) == .invalidDocumentTable)
        var separator = bytes
        separator[layout.textOffset + 8] = 0xFF; separator[layout.textOffset + 9] = 0xFF
        separator[layout.textOffset + 10] = 0xFF; separator[layout.textOffset + 11] = 0xFF
        #expect(Self.kind(of: Self.rerooted(separator)) == .invalidToken)
        var credited = bytes
        credited[layout.creditedDocumentsOffset + 4] = 2
        #expect(Self.kind(of: Self.rerooted(credited)) == .invalidDocumentTable)
        var id = bytes
        id.replaceSubrange((layout.documentIDsOffset + 32)..<(layout.documentIDsOffset + 64), with: AttributionFixtures.contributionID(0))
        #expect(Self.kind(of: Self.rerooted(id)) == .invalidDocumentID)
        var suffix = bytes
        suffix[layout.suffixArrayOffset] = 50
        #expect(Self.kind(of: Self.rerooted(suffix)) == .invalidSuffixArray)
    }

    @Test("a reordered suffix array passes the structure check but not the full one")
    func unsortedSuffixArray() throws {
        let bytes = try Self.sampleBytes()
        let layout = try SpanIndexLayout(documentCount: 3, textTokenCount: 19)
        var swapped = bytes
        for offset in 0..<4 {
            swapped.swapAt(layout.suffixArrayOffset + offset, layout.suffixArrayOffset + 4 + offset)
        }
        let forged = Self.rerooted(swapped)
        #expect(Self.kind(of: forged) == nil)
        #expect(Self.kind(of: forged, validation: .full) == .invalidSuffixArray)
        let index = try SpanIndex(bytes: forged)
        _ = SpanAttribution.attribute([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3], index: index)
    }

    @Test("a credit table that is not the clustering passes structure but not full validation")
    func forgedCredits() throws {
        let bytes = try AttributionFixtures.index([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]).fileBytes
        let layout = try SpanIndexLayout(documentCount: 2, textTokenCount: 14)
        var forged = bytes
        forged[layout.creditedDocumentsOffset + 4] = 0
        #expect(Self.kind(of: Self.rerooted(forged)) == nil)
        #expect(Self.kind(of: Self.rerooted(forged), validation: .full) == .invalidDocumentTable)
    }

    @Test("random and mutated bytes never trap, with and without a recomputed root")
    func mutatedBytes() throws {
        var generator = SeededGenerator.make(for: "SpanIndex.mutated")
        let bytes = try Self.sampleBytes()
        for _ in 0..<2000 {
            let input = Bool.random(using: &generator) ? generator.mutate(bytes) : generator.bytes(maximumCount: 400)
            for candidate in [input, Self.rerooted(input)] {
                if let index = try? SpanIndex(bytes: candidate) {
                    _ = SpanAttribution.attribute([1, 2, 3, 4, 5, 6, 7, 8], index: index,
                                                  parameters: AttributionFixtures.permissive)
                }
            }
        }
    }
}
