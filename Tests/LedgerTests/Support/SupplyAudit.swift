@testable import Ledger

/// Adds up every token the state holds, record by record, independently of the totals
/// the state machine keeps, to check that the supply never changes.
enum SupplyAudit {
    struct Holdings: Equatable {
        var balances: Amount = 0
        var stakes: Amount = 0
        var unbonding: Amount = 0
        var locked: Amount = 0
        var bonds: Amount = 0
        var treasury: Amount = 0
        var burned: Amount = 0

        var total: Amount { balances + stakes + unbonding + locked + bonds + treasury + burned }
    }

    static func holdings(of ledger: LedgerDatabase) throws -> Holdings {
        var holdings = Holdings()
        let statement = try ledger.database.prepare("SELECT key, value FROM state")
        while try statement.step() {
            let key = Array(statement.blob(at: 0).dropFirst(2))
            let value = statement.blob(at: 1)
            try add(key: key, value: value, to: &holdings)
        }
        return holdings
    }

    private static func add(key: [UInt8], value: [UInt8], to holdings: inout Holdings) throws {
        switch key.first {
        case 0x01: holdings.balances += try AccountRecord.decodeStored(value).balance
        case 0x02: holdings.stakes += try AmountRecord.decodeStored(value).amount
        case 0x03: holdings.unbonding += try AmountRecord.decodeStored(value).amount
        case 0x04: holdings.locked += try VestingRecord.decodeStored(value).locked
        case 0x09:
            let contribution = try ContributionRecord.decodeStored(value)
            if contribution.status == .pending { holdings.bonds += contribution.bond }
        case 0x0e:
            let challenge = try ChallengeRecord.decodeStored(value)
            if challenge.status == .open { holdings.bonds += challenge.bond }
        case 0x20:
            let totals = try SystemTotalsRecord.decodeStored(value)
            holdings.treasury += totals.treasury
            holdings.burned += totals.burned
        default: break
        }
    }
}
