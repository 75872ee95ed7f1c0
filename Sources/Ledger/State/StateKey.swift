/// Keys of the ledger state: a one-byte record kind, then the record's identity.
///
/// | kind | identity | record |
/// | --- | --- | --- |
/// | 0x01 account | address | `AccountRecord` |
/// | 0x02 stake | address ‖ role | `AmountRecord` |
/// | 0x03 unbonding | address ‖ release time (u64 BE) ‖ role | `AmountRecord` |
/// | 0x04 vesting | address ‖ allocation (u32 BE) | `VestingRecord` |
/// | 0x05 parameter | name | `AmountRecord` |
/// | 0x06 proposal | id | `ProposalRecord` |
/// | 0x07 proposal vote | id ‖ voter | `WeightedVote` |
/// | 0x08 datanet | id | `DatanetRecord` |
/// | 0x09 contribution | id | `ContributionRecord` |
/// | 0x0a base model | hash | `BaseModelRecord` |
/// | 0x0b adapter | hash | `AdapterRecord` |
/// | 0x0c host listing | address | `HostListingRecord` |
/// | 0x0d receipt | id | `ReceiptRecord` |
/// | 0x0e challenge | id | `ChallengeRecord` |
/// | 0x0f used fee authorisation | client ‖ authorisation id | `AmountRecord` (the fee) |
/// | 0x10 equivocation | sequencer ‖ slot (u64 BE) | `AmountRecord` (the slashed amount) |
/// | 0x11 payouts | address | `AmountRecord` |
/// | 0x12 role total | role | `AmountRecord` (all stake of the role) |
/// | 0x13 jailed | address ‖ role | `AmountRecord` (the slashed amount) |
/// | 0x20 totals | – | `SystemTotalsRecord` |
/// | 0x21 chain | – | `ChainRecord` |
enum StateKey {
    static func account(_ address: AccountAddress) -> [UInt8] { compose(0x01, address.bytes) }
    static func stake(_ address: AccountAddress, _ role: StakeRole) -> [UInt8] {
        compose(0x02, address.bytes, trailer: role.rawValue)
    }
    static func unbonding(_ address: AccountAddress, release: UInt64, _ role: StakeRole) -> [UInt8] {
        [0x03] + address.bytes + bigEndian(release) + [role.rawValue]
    }
    static func vesting(_ address: AccountAddress, allocation: UInt32) -> [UInt8] {
        [0x04] + address.bytes + bigEndian(UInt64(allocation)).suffix(4)
    }
    static func parameter(_ name: String) -> [UInt8] { [0x05] + Array(name.utf8) }
    static func proposal(_ id: [UInt8]) -> [UInt8] { compose(0x06, id) }
    static func proposalVote(_ id: [UInt8], _ voter: AccountAddress) -> [UInt8] { compose(0x07, id, voter.bytes) }
    static func datanet(_ id: [UInt8]) -> [UInt8] { compose(0x08, id) }
    static func contribution(_ id: [UInt8]) -> [UInt8] { compose(0x09, id) }
    static func baseModel(_ hash: [UInt8]) -> [UInt8] { compose(0x0a, hash) }
    static func adapter(_ hash: [UInt8]) -> [UInt8] { compose(0x0b, hash) }
    static func hostListing(_ host: AccountAddress) -> [UInt8] { compose(0x0c, host.bytes) }
    static func receipt(_ id: [UInt8]) -> [UInt8] { compose(0x0d, id) }
    static func challenge(_ id: [UInt8]) -> [UInt8] { compose(0x0e, id) }
    static func feeAuthorization(_ client: AccountAddress, _ id: [UInt8]) -> [UInt8] { compose(0x0f, client.bytes, id) }
    static func equivocation(_ sequencer: AccountAddress, slot: UInt64) -> [UInt8] {
        [0x10] + sequencer.bytes + bigEndian(slot)
    }
    static func payouts(_ address: AccountAddress) -> [UInt8] { compose(0x11, address.bytes) }
    static func roleTotal(_ role: StakeRole) -> [UInt8] { [0x12, role.rawValue] }
    static func jailed(_ address: AccountAddress, _ role: StakeRole) -> [UInt8] {
        compose(0x13, address.bytes, trailer: role.rawValue)
    }
    static let totals: [UInt8] = [0x20]
    static let chain: [UInt8] = [0x21]

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) }
    }

    /// `kind ‖ first ‖ second`, in one allocation: the hot keys are built tens of thousands
    /// of times per batch.
    private static func compose(_ kind: UInt8, _ first: [UInt8], _ second: [UInt8] = []) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(1 + first.count + second.count)
        key.append(kind)
        key.append(contentsOf: first)
        key.append(contentsOf: second)
        return key
    }

    /// `kind ‖ first ‖ trailer`, in one allocation.
    private static func compose(_ kind: UInt8, _ first: [UInt8], trailer: UInt8) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(2 + first.count)
        key.append(kind)
        key.append(contentsOf: first)
        key.append(trailer)
        return key
    }
}
