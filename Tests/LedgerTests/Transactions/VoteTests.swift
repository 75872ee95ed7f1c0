import Identity
import Testing
import TestSupport
import Wire
@testable import Ledger

/// `GovernanceVote`, `CurationVote`, `Propose`, `Transfer` and `ClaimVesting`: the small kinds.
@Suite("Small kinds")
struct VoteTests {
    @Test("votes round-trip either way", arguments: [true, false])
    func votes(approve: Bool) throws {
        for kind in [
            TransactionKind.governanceVote(GovernanceVote(proposalID: TransactionSamples.hash(1), approve: approve)),
            .curationVote(CurationVote(contributionID: TransactionSamples.hash(2), accept: approve)),
        ] {
            #expect(try TransactionSamples.roundTrip(kind).kind == kind)
        }
    }

    // GovernanceVote (field 15 = 0x7a): proposal_id with 31 or 33 bytes, or missing.
    static let malformedIDs: [String] = [
        "7a21" + "0a1f" + String(repeating: "01", count: 31),
        "7a23" + "0a21" + String(repeating: "01", count: 33),
        "7a02" + "1001",
        "7a00",
    ]

    @Test("vote ids that are not 32 bytes are refused", arguments: malformedIDs)
    func badIDs(encoding: String) {
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(hex("1801" + encoding)) }
    }

    @Test("a bool other than 0 or 1 is refused")
    func badBool() {
        let bytes = hex("1801" + "7a24" + "0a20" + String(repeating: "01", count: 32) + "1002")
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(bytes) }
    }

    @Test("a transfer needs a 20-byte address", arguments: [0, 19, 21])
    func transferAddress(count: Int) {
        var transfer = ProtobufWriter()
        if count > 0 { transfer.writeBytes([UInt8](repeating: 0x11, count: count), field: 1) }
        transfer.writeAmount(5, field: 2)
        var writer = ProtobufWriter()
        writer.writeVarint(1, field: 3)
        writer.writeMessage(transfer, field: 10)
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(writer.bytes) }
    }

    @Test("a zero-amount transfer decodes; the state machine refuses it")
    func zeroTransfer() throws {
        let kind = TransactionKind.transfer(Transfer(to: TransactionSamples.address, amount: 0))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("proposals bound the parameter name and the value", arguments: [
        (String(repeating: "p", count: 64), UInt128.max, true),
        (String(repeating: "p", count: 65), UInt128(1), false),
        ("", UInt128(0), true),
    ])
    func proposals(parameter: String, value: UInt128, decodes: Bool) throws {
        let kind = TransactionKind.propose(Propose(parameter: parameter, value: value))
        if decodes {
            #expect(try TransactionSamples.roundTrip(kind).kind == kind)
        } else {
            #expect(throws: WireError.self) { try TransactionSamples.roundTrip(kind) }
        }
    }

    @Test("a claim takes any 32-bit allocation and refuses a wider one")
    func claims() throws {
        let kind = TransactionKind.claimVesting(ClaimVesting(allocation: .max))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
        // ClaimVesting (field 13 = 0x6a) with allocation 2^32: 08 80 80 80 80 10.
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(hex("1801" + "6a06" + "088080808010")) }
    }
}
