import Testing
import TestSupport
import Wire
@testable import Ledger

/// `Stake`, `Unstake` and `StakeRole`.
@Suite("Stake")
struct StakeTests {
    @Test("roles are 1 to 4 with lower-case names, ordered by value")
    func roles() {
        #expect(StakeRole.allCases.map(\.rawValue) == [1, 2, 3, 4])
        #expect(StakeRole.allCases.map(\.name) == ["sequencer", "validator", "curator", "host"])
        #expect(StakeRole.sequencer < StakeRole.host)
        #expect(StakeRole.allCases.sorted() == StakeRole.allCases)
    }

    @Test("every role round-trips in stake and unstake", arguments: StakeRole.allCases)
    func roundTrip(role: StakeRole) throws {
        for kind in [TransactionKind.stake(Stake(role: role, amount: 5)), .unstake(Unstake(role: role, amount: 5))] {
            #expect(try TransactionSamples.roundTrip(kind).kind == kind)
        }
    }

    // Stake (field 11 = 0x5a) with role `r` and amount 1: 5a 05 08 rr 12 01 01.
    @Test("roles outside 1…4 are refused", arguments: ["00", "05", "ff01"])
    func invalidRoles(role: String) {
        let body = "08" + role + "120101"
        let bytes = hex("1801" + "5a" + "0" + String(body.count / 2, radix: 16) + body)
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(bytes) }
        let unstake = hex("1801" + "62" + "0" + String(body.count / 2, radix: 16) + body)
        #expect(throws: WireError.self) { try Transaction.decodeCanonical(unstake) }
    }

    @Test("role 0 reports the range; a missing role is a missing field")
    func roleErrors() {
        #expect(throws: WireError.valueOutOfRange("field 1 holds role 5, but roles run from 1 to 4")) {
            try Transaction.decodeCanonical(hex("1801" + "5a05" + "0805120101"))
        }
        #expect(throws: WireError.missingField(1)) { try Transaction.decodeCanonical(hex("1801" + "5a03" + "120101")) }
    }
}
