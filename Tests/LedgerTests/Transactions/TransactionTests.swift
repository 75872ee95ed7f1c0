import Identity
import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("Transaction")
struct TransactionTests {
    // Worked out by hand from the proto3 rules and docs/transactions.proto:
    //   08 01                       nonce (field 1, varint) = 1
    //   12 02 03e8                  fee (field 2, bytes) = 1000, big-endian without leading zeros
    //   18 80e2cfaa06               expiry (field 3, varint) = 1700000000 = 0x6553f100:
    //                               7-bit groups from the low end 0x00 0x62 0x4f 0x2a 0x06
    //   52 20                       transfer (field 10, length-delimited: 10 << 3 | 2 = 0x52), 32 bytes:
    //     0a 14 1111…11             to (field 1) = 20 bytes of 0x11
    //     12 08 0de0b6b3a7640000    amount (field 2) = 10^18 = 0x0de0b6b3a7640000
    static let transferBytes = hex(
        "0801" + "120203e8" + "1880e2cfaa06" + "5220"
            + "0a14" + String(repeating: "11", count: 20) + "1208" + "0de0b6b3a7640000"
    )

    @Test("a transfer encodes to the bytes worked out by hand, and decodes back")
    func knownTransferEncoding() throws {
        #expect(TransactionSamples.transfer.canonicalBytes == Self.transferBytes)
        #expect(try Transaction.decodeCanonical(Self.transferBytes) == TransactionSamples.transfer)
    }

    @Test("each sample encodes to the bytes of Python's protobuf, and decodes back", arguments: TransactionSamples.all)
    func pythonVectors(name: String, transaction: Transaction, encoding: String) throws {
        #expect(transaction.canonicalBytes == hex(encoding), "\(name)")
        #expect(try Transaction.decodeCanonical(hex(encoding)) == transaction, "\(name)")
    }

    @Test("the samples cover every kind")
    func samplesCoverEveryKind() {
        let names = Set(TransactionSamples.all.map { $0.1.kind.name })
        #expect(names == Set(TransactionKind.allNames))
    }

    @Test("domain tag and byte limit")
    func constants() {
        #expect(Transaction.domainTag == "oln/tx/1")
        #expect(Transaction.byteCountMax == 65_536)
    }

    @Test("a transaction without a kind is refused with missingField(10)")
    func missingKind() {
        #expect(throws: WireError.missingField(10)) { try Transaction.decodeCanonical(hex("0801" + "1801")) }
    }

    @Test("a transaction without an expiry is refused with missingField(3)")
    func missingExpiry() {
        let bytes = hex("0801" + "120203e8") + Self.transferBytes.suffix(34)
        #expect(throws: WireError.missingField(3)) { try Transaction.decodeCanonical(bytes) }
    }

    static let address = String(repeating: "11", count: 20)
    static let proposal = String(repeating: "01", count: 32)
    static let malformed: [(String, String)] = [
        ("unknown field 4", "1801" + "2001" + "6a00"),
        ("unknown field 60 after the kind", "1801" + "6a00" + "e00301"),
        ("unknown field inside a transfer", "1801" + "5218" + "0a14" + address + "1801"),
        ("two kinds", "1801" + "6a00" + "7a220a20" + proposal),
        ("one kind twice", "1801" + "6a00" + "6a00"),
        ("expiry written as zero", "1800" + "6a00"),
        ("fee written empty", "1200" + "1801" + "6a00"),
        ("fee with a leading zero", "12020001" + "1801" + "6a00"),
        ("17-byte fee", "1211" + "01" + String(repeating: "00", count: 16) + "1801" + "6a00"),
        ("transfer amount with a leading zero", "1801" + "521a" + "0a14" + address + "12020001"),
        ("17-byte transfer amount", "1801" + "5229" + "0a14" + address + "1211" + "01" + String(repeating: "00", count: 16)),
        ("transfer amount written empty", "1801" + "5218" + "0a14" + address + "1200"),
        ("fields out of order", "1801" + "0801" + "6a00"),
        ("kind with the wrong wire type", "1801" + "6801"),
        ("truncated", "1801" + "6a05" + "0801"),
    ]

    @Test("a second kind is refused by name")
    func twoKinds() {
        let bytes = hex("1801" + "6a00" + "7a220a20" + Self.proposal)
        #expect(throws: WireError.valueOutOfRange("a transaction has one kind, but claim_vesting is followed by field 15")) {
            try Transaction.decodeCanonical(bytes)
        }
    }

    @Test("malformed transactions are refused", arguments: malformed)
    func refusesMalformed(name: String, encoding: String) {
        #expect(throws: WireError.self, "\(name)") { try Transaction.decodeCanonical(hex(encoding)) }
    }

    @Test("an encoding over 65536 bytes is refused before parsing")
    func sizeLimit() {
        let evidence = EquivocationEvidence(first: [UInt8](repeating: 1, count: 40_000), second: [UInt8](repeating: 2, count: 40_000))
        let bytes = TransactionSamples.bytes(of: .equivocationEvidence(evidence))
        #expect(throws: WireError.limitExceeded("oln/tx/1 message", limit: 65_536)) { try Transaction.decodeCanonical(bytes) }
    }

    @Test("random transactions of every kind round-trip to the same bytes (seeded)")
    func randomRoundTrip() throws {
        var generator = SeededGenerator.make(for: "TransactionTests.randomRoundTrip")
        for _ in 0..<500 {
            let transaction = TransactionSamples.random(using: &generator)
            let bytes = transaction.canonicalBytes
            let decoded = try Transaction.decodeCanonical(bytes)
            #expect(decoded == transaction)
            #expect(decoded.canonicalBytes == bytes)
        }
    }

    @Test("mutated encodings never trap, and whatever decodes re-encodes to the same bytes (seeded)")
    func mutationProperty() {
        var generator = SeededGenerator.make(for: "TransactionTests.mutationProperty")
        let seeds = TransactionSamples.all.map { hex($0.2) }
        var decodedCount = 0
        for round in 0..<4000 {
            let original = round.isMultiple(of: 2)
                ? seeds[round / 2 % seeds.count]
                : TransactionSamples.random(using: &generator).canonicalBytes
            let mutated = generator.mutate(original)
            if let decoded = try? Transaction.decodeCanonical(mutated) {
                decodedCount += 1
                #expect(decoded.canonicalBytes == mutated)
            }
        }
        #expect(decodedCount > 0, "some mutations (a changed hash byte, say) still decode")
    }
}
