import Testing
import TestSupport
import Wire
@testable import Ledger

/// `CreateDatanet` and `DatanetRules`.
@Suite("CreateDatanet")
struct CreateDatanetTests {
    static let rules = DatanetRules(curatorStakeMin: 1, quorum: 2, voteWindowSeconds: 3, contributionBond: 4, payloadByteCountMax: 5)

    static func datanet(name: String = "n", summary: String = "", tags: [String] = []) -> TransactionKind {
        .createDatanet(CreateDatanet(name: name, summary: summary, tags: tags, rules: rules))
    }

    @Test("limits are those of docs/transactions.proto")
    func limits() {
        #expect(CreateDatanet.nameByteCountMax == 64)
        #expect(CreateDatanet.summaryByteCountMax == 1024)
        #expect(CreateDatanet.tagCountMax == 16)
        #expect(CreateDatanet.tagByteCountMax == 32)
    }

    @Test("values at the limits round-trip")
    func atLimits() throws {
        let kind = Self.datanet(
            name: String(repeating: "n", count: 64), summary: String(repeating: "s", count: 1024),
            tags: (0..<16).map { _ in String(repeating: "t", count: 32) }
        )
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("values past the limits are refused", arguments: [
        ("65-byte name", datanet(name: String(repeating: "n", count: 65))),
        ("65 bytes in 64 characters (é is 2 bytes)", datanet(name: String(repeating: "n", count: 63) + "é")),
        ("1025-byte summary", datanet(summary: String(repeating: "s", count: 1025))),
        ("17 tags", datanet(tags: (0..<17).map { "t\($0)" })),
        ("33-byte tag", datanet(tags: [String(repeating: "t", count: 33)])),
        ("empty tag", datanet(tags: ["a", ""])),
        ("empty name", datanet(name: "")),
    ])
    func pastLimits(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }

    @Test("all-zero rules are written as an empty message and read back")
    func defaultRules() throws {
        let zero = DatanetRules(curatorStakeMin: 0, quorum: 0, voteWindowSeconds: 0, contributionBond: 0, payloadByteCountMax: 0)
        let kind = TransactionKind.createDatanet(CreateDatanet(name: "x", summary: "", tags: [], rules: zero))
        // Transaction: expiry 1, create_datanet (field 20: a2 01) of 5 bytes: name "x", rules (field 4) empty.
        #expect(TransactionSamples.bytes(of: kind) == hex("1801" + "a20105" + "0a0178" + "2200"))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("a datanet without rules is refused with missingField(4)")
    func missingRules() {
        #expect(throws: WireError.missingField(4)) { try Transaction.decodeCanonical(hex("1801" + "a20103" + "0a0178")) }
    }

    @Test("a datanet without a name is refused with missingField(1)")
    func missingName() {
        #expect(throws: WireError.missingField(1)) { try Transaction.decodeCanonical(hex("1801" + "a20102" + "2200")) }
    }

    @Test("rules with an unknown field or a malformed amount are refused", arguments: [
        "a20106" + "0a0178" + "2201" + "30",  // rules holds a truncated field 6
        "a20107" + "0a0178" + "2202" + "3001",  // rules field 6: unknown
        "a20108" + "0a0178" + "2203" + "120100",  // quorum 00: a leading zero
    ])
    func malformedRules(encoding: String) {
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(hex("1801" + encoding)) }
    }
}
