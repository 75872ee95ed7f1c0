/// Balances, stakes and the system totals. Every movement keeps the supply constant:
/// tokens only move between balances, stakes, unbonding entries, bonds, the treasury and
/// the burned total.
extension LedgerState {
    func account(_ address: AccountAddress) throws -> AccountRecord {
        try record(AccountRecord.self, at: StateKey.account(address)) ?? AccountRecord()
    }

    func setAccount(_ account: AccountRecord, for address: AccountAddress) {
        if account.balance == 0 && account.nonce == 0 {
            removeRecord(at: StateKey.account(address))
        } else {
            setRecord(account, at: StateKey.account(address))
        }
    }

    func credit(_ address: AccountAddress, _ amount: Amount) throws {
        guard amount > 0 else { return }
        var account = try account(address)
        account.balance = try CheckedArithmetic.sum(account.balance, amount)
        setAccount(account, for: address)
    }

    func debit(_ address: AccountAddress, _ amount: Amount) throws {
        guard amount > 0 else { return }
        var account = try account(address)
        account.balance = try CheckedArithmetic.difference(account.balance, amount, shortfall: .insufficientBalance)
        setAccount(account, for: address)
    }

    // MARK: Stakes

    func stake(_ address: AccountAddress, _ role: StakeRole) throws -> Amount {
        try amount(at: StateKey.stake(address, role))
    }

    /// All stake of `address` over every role: its governance voting weight.
    func totalStake(_ address: AccountAddress) throws -> Amount {
        var total: Amount = 0
        for role in StakeRole.allCases { total = try CheckedArithmetic.sum(total, try stake(address, role)) }
        return total
    }

    func roleTotal(_ role: StakeRole) throws -> Amount {
        try amount(at: StateKey.roleTotal(role))
    }

    func addStake(_ address: AccountAddress, _ role: StakeRole, _ amount: Amount) throws {
        try setAmount(CheckedArithmetic.sum(try stake(address, role), amount), at: StateKey.stake(address, role))
        try setAmount(CheckedArithmetic.sum(try roleTotal(role), amount), at: StateKey.roleTotal(role))
    }

    func removeStake(_ address: AccountAddress, _ role: StakeRole, _ amount: Amount) throws {
        let shortfall = TransactionFailure.insufficientStake(role)
        try setAmount(CheckedArithmetic.difference(try stake(address, role), amount, shortfall: shortfall),
                      at: StateKey.stake(address, role))
        try setAmount(CheckedArithmetic.difference(try roleTotal(role), amount, shortfall: shortfall),
                      at: StateKey.roleTotal(role))
    }

    /// Takes `partsPerMillion` of `address`'s bonded `role` stake and returns how much.
    func slashStake(_ address: AccountAddress, _ role: StakeRole, partsPerMillion: Amount) throws -> Amount {
        let slashed = CheckedArithmetic.share(of: try stake(address, role), partsPerMillion: partsPerMillion)
        try removeStake(address, role, slashed)
        return slashed
    }

    // MARK: Treasury and burns

    func totals() throws -> SystemTotalsRecord {
        try record(SystemTotalsRecord.self, at: StateKey.totals) ?? SystemTotalsRecord()
    }

    func addToTreasury(_ amount: Amount) throws {
        var totals = try totals()
        totals.treasury = try CheckedArithmetic.sum(totals.treasury, amount)
        setRecord(totals, at: StateKey.totals)
    }

    func burn(_ amount: Amount) throws {
        var totals = try totals()
        totals.burned = try CheckedArithmetic.sum(totals.burned, amount)
        setRecord(totals, at: StateKey.totals)
    }

    // MARK: Amount records

    func amount(at key: [UInt8]) throws -> Amount {
        try record(AmountRecord.self, at: key)?.amount ?? 0
    }

    func setAmount(_ amount: Amount, at key: [UInt8]) {
        if amount == 0 { removeRecord(at: key) } else { setRecord(AmountRecord(amount: amount), at: key) }
    }
}
