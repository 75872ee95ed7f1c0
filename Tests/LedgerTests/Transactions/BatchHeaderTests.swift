import Identity
import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("BatchHeader")
struct BatchHeaderTests {
    static let header = BatchHeader(
        height: 42, slot: 43, parentHash: TransactionSamples.hash(16), transactionsRoot: TransactionSamples.hash(17),
        stateRoot: TransactionSamples.hash(18), time: 1_700_000_100
    )
    // Scripts/fixtures/make_ledger_vectors.py, batch_header (Python's protobuf).
    static let encoding = hex(
        "082a102b" + "1a20" + String(repeating: "10", count: 32) + "2220" + String(repeating: "11", count: 32)
            + "2a20" + String(repeating: "12", count: 32) + "30e4e2cfaa06"
    )

    @Test("the sample encodes to the bytes of Python's protobuf, and decodes back")
    func knownEncoding() throws {
        #expect(BatchHeader.domainTag == "oln/batch-header/1")
        #expect(BatchHeader.byteCountMax == 1024)
        #expect(Self.header.canonicalBytes == Self.encoding)
        #expect(try BatchHeader.decodeCanonical(Self.encoding) == Self.header)
    }

    @Test("height, slot and time may be zero")
    func zeros() throws {
        var header = Self.header
        header.height = 0
        header.slot = 0
        header.time = 0
        #expect(try BatchHeader.decodeCanonical(header.canonicalBytes) == header)
    }

    @Test("every root is required and 32 bytes", arguments: [3, 4, 5])
    func roots(field: Int) {
        for count in [0, 31, 33] {
            var header = Self.header
            let bytes = [UInt8](repeating: 1, count: count)
            switch field {
            case 3: header.parentHash = bytes
            case 4: header.transactionsRoot = bytes
            default: header.stateRoot = bytes
            }
            #expect(throws: WireError.self) { try BatchHeader.decodeCanonical(header.canonicalBytes) }
        }
    }

    @Test("mutated headers never trap, and whatever decodes re-encodes to the same bytes (seeded)")
    func mutationProperty() {
        var generator = SeededGenerator.make(for: "BatchHeaderTests.mutationProperty")
        for _ in 0..<2000 {
            let mutated = generator.mutate(Self.encoding)
            if let decoded = try? BatchHeader.decodeCanonical(mutated) {
                #expect(decoded.canonicalBytes == mutated)
            }
        }
    }
}
