import Identity
import Sodium
import Wire

/// A validated genesis: every token of the supply placed, every parameter set.
///
/// The genesis hash identifies the chain: BLAKE2b-256 of `"oln-genesis" ‖` a canonical
/// protobuf of the resolved spec (chain id, time, balances sorted by address, allocations
/// in spec order, stakes sorted by address and role, treasury, every parameter by name).
public struct Genesis: Sendable, Equatable {
    public struct Allocation: Sendable, Equatable {
        public var name: String
        public var address: AccountAddress
        public var vesting: VestingRecord
    }

    public let chainID: UInt64
    public let time: UInt64
    public let balances: [(address: AccountAddress, amount: Amount)]
    public let allocations: [Allocation]
    public let stakes: [(address: AccountAddress, role: StakeRole, amount: Amount)]
    public let treasury: Amount
    public let parameters: LedgerParameters

    /// Validates `spec`; the error names the first thing wrong.
    public init(spec: GenesisSpec) throws(LedgerError) {
        guard spec.chainID > 0 else { throw .invalidGenesis("chain_id must be greater than zero") }
        chainID = spec.chainID
        time = spec.genesisTime
        balances = try Self.balances(spec.accounts)
        allocations = try spec.allocations.map { (entry) throws(LedgerError) in try Self.allocation(entry, time: spec.genesisTime) }
        stakes = try Self.stakes(spec.stakes)
        treasury = try spec.treasury.map { (text) throws(LedgerError) in try TokenAmountText.parse(text) } ?? 0
        parameters = try Self.parameters(spec.parameters ?? [:])
        try checkSupply()
    }

    public static func == (left: Genesis, right: Genesis) -> Bool { left.canonicalBytes == right.canonicalBytes }

    private func checkSupply() throws(LedgerError) {
        var total: Amount = treasury
        let parts = balances.map(\.amount) + allocations.map(\.vesting.total) + stakes.map(\.amount)
        for part in parts {
            let (sum, overflow) = total.addingReportingOverflow(part)
            guard !overflow else { throw .invalidGenesis("the spec places more tokens than an amount can hold") }
            total = sum
        }
        guard total <= Token.supply else {
            throw .invalidGenesis("the spec places \(TokenAmountText.format(total)) tokens; the supply is 1000000000 "
                                  + "(\(TokenAmountText.format(total - Token.supply)) too many)")
        }
        guard total == Token.supply else {
            throw .invalidGenesis("the spec places \(TokenAmountText.format(total)) tokens; the supply is 1000000000 "
                                  + "(\(TokenAmountText.format(Token.supply - total)) missing)")
        }
    }

    private static func address(_ text: String, in context: String) throws(LedgerError) -> AccountAddress {
        do {
            return try AccountAddress(text)
        } catch {
            throw .invalidGenesis("\(context): \(error)")
        }
    }

    private static func balances(_ accounts: [GenesisSpec.Account]) throws(LedgerError) -> [(address: AccountAddress, amount: Amount)] {
        var result: [(address: AccountAddress, amount: Amount)] = []
        for account in accounts {
            let address = try address(account.address, in: "account \(account.address)")
            guard !result.contains(where: { $0.address == address }) else {
                throw .invalidGenesis("account \(account.address) is listed twice")
            }
            result.append((address, try TokenAmountText.parse(account.balance)))
        }
        return result.sorted { $0.address < $1.address }
    }

    private static func allocation(_ entry: GenesisSpec.Allocation, time: UInt64) throws(LedgerError) -> Allocation {
        let address = try address(entry.address, in: "allocation \(entry.name)")
        let total = try TokenAmountText.parse(entry.amount)
        let unlocked = try entry.unlockedAtStart.map { (text) throws(LedgerError) in try TokenAmountText.parse(text) } ?? 0
        guard unlocked <= total else { throw .invalidGenesis("allocation \(entry.name) unlocks more than it holds") }
        guard !time.addingReportingOverflow(entry.cliffSeconds).overflow else {
            throw .invalidGenesis("allocation \(entry.name): the cliff ends after the last representable time")
        }
        let vesting = VestingRecord(total: total, unlockedAtStart: unlocked, start: time,
                                    cliffSeconds: entry.cliffSeconds, durationSeconds: entry.vestingSeconds)
        return Allocation(name: entry.name, address: address, vesting: vesting)
    }

    private static func stakes(_ entries: [GenesisSpec.StakeEntry]) throws(LedgerError) -> [(address: AccountAddress, role: StakeRole, amount: Amount)] {
        var result: [(address: AccountAddress, role: StakeRole, amount: Amount)] = []
        for entry in entries {
            let address = try address(entry.address, in: "stake of \(entry.address)")
            guard let role = StakeRole.allCases.first(where: { $0.name == entry.role }) else {
                throw .invalidGenesis("stake of \(entry.address): role must be sequencer, validator, curator or host")
            }
            guard !result.contains(where: { $0.address == address && $0.role == role }) else {
                throw .invalidGenesis("the \(entry.role) stake of \(entry.address) is listed twice")
            }
            result.append((address, role, try TokenAmountText.parse(entry.amount)))
        }
        return result.sorted { ($0.address, $0.role.rawValue) < ($1.address, $1.role.rawValue) }
    }

    private static func parameters(_ overrides: [String: String]) throws(LedgerError) -> LedgerParameters {
        var parameters = LedgerParameters.defaults
        for name in overrides.keys.sorted() {
            guard let parameter = GovernedParameter.named(name) else {
                throw .invalidGenesis("no governed parameter is named \(name) (see docs/ledger.md)")
            }
            guard let value = Amount(overrides[name]!), parameter.range.contains(value) else {
                throw .invalidGenesis("\(name) must be an integer in \(parameter.range.lowerBound)...\(parameter.range.upperBound)")
            }
            parameters[parameter] = value
        }
        if let violation = parameters.relationViolation() { throw .invalidGenesis(violation) }
        return parameters
    }
}
