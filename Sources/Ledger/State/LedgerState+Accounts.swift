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
        try modifyAccount(address) { $0.balance = try CheckedArithmetic.sum($0.balance, amount) }
    }

    func debit(_ address: AccountAddress, _ amount: Amount) throws {
        guard amount > 0 else { return }
        try modifyAccount(address) {
            $0.balance = try CheckedArithmetic.difference($0.balance, amount, shortfall: .insufficientBalance)
        }
    }

    /// Changes an account in place (found once), removing it when it ends empty.
    func modifyAccount(_ address: AccountAddress, _ change: (inout AccountRecord) throws -> Void) throws {
        try modifyRecord(AccountRecord.self, at: StateKey.account(address)) { current in
            var account = current ?? AccountRecord()
            try change(&account)
            return account.balance == 0 && account.nonce == 0 ? nil : account
        }
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
        try addAmount(amount, at: StateKey.stake(address, role))
        try addAmount(amount, at: StateKey.roleTotal(role))
    }

    func removeStake(_ address: AccountAddress, _ role: StakeRole, _ amount: Amount) throws {
        let shortfall = TransactionFailure.insufficientStake(role)
        try modifyAmount(at: StateKey.stake(address, role)) {
            try CheckedArithmetic.difference($0, amount, shortfall: shortfall)
        }
        try modifyAmount(at: StateKey.roleTotal(role)) { try CheckedArithmetic.difference($0, amount, shortfall: shortfall) }
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
        try modifyRecord(SystemTotalsRecord.self, at: StateKey.totals) { current in
            var totals = current ?? SystemTotalsRecord()
            totals.treasury = try CheckedArithmetic.sum(totals.treasury, amount)
            return totals
        }
    }

    func burn(_ amount: Amount) throws {
        try modifyRecord(SystemTotalsRecord.self, at: StateKey.totals) { current in
            var totals = current ?? SystemTotalsRecord()
            totals.burned = try CheckedArithmetic.sum(totals.burned, amount)
            return totals
        }
    }

    // MARK: Amount records

    func amount(at key: [UInt8]) throws -> Amount {
        try record(AmountRecord.self, at: key)?.amount ?? 0
    }

    func setAmount(_ amount: Amount, at key: [UInt8]) {
        if amount == 0 { removeRecord(at: key) } else { setRecord(AmountRecord(amount: amount), at: key) }
    }

    /// Adds `amount` to the amount at `key`, finding the key once.
    func addAmount(_ amount: Amount, at key: [UInt8]) throws {
        try modifyAmount(at: key) { try CheckedArithmetic.sum($0, amount) }
    }

    /// Replaces the amount at `key` (0 when absent) by what `change` returns; 0 removes the key.
    func modifyAmount(at key: [UInt8], _ change: (Amount) throws -> Amount) throws {
        try modifyRecord(AmountRecord.self, at: key) { current in
            let amount = try change(current?.amount ?? 0)
            return amount == 0 ? nil : AmountRecord(amount: amount)
        }
    }
}
