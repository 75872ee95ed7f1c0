/// Transfers, stakes, unbonding and vesting claims.
extension LedgerStateMachine {
    func handleTransfer(_ transfer: Transfer, _ context: TransactionContext) throws {
        guard transfer.amount > 0 else { throw TransactionFailure.zeroAmount }
        try state.debit(context.sender, transfer.amount)
        try state.credit(transfer.to, transfer.amount)
    }

    func handleStake(_ stake: Stake, _ context: TransactionContext) throws {
        guard stake.amount > 0 else { throw TransactionFailure.zeroAmount }
        if try state.record(AmountRecord.self, at: StateKey.jailed(context.sender, stake.role)) != nil {
            throw TransactionFailure.notAllowed("the sender was slashed for equivocation and may not stake as \(stake.role.name)")
        }
        try state.debit(context.sender, stake.amount)
        try state.addStake(context.sender, stake.role, stake.amount)
    }

    /// Moves stake into an unbonding entry released after the unbonding period. Entries
    /// released at the same time for the same role merge.
    func handleUnstake(_ unstake: Unstake, _ context: TransactionContext) throws {
        guard unstake.amount > 0 else { throw TransactionFailure.zeroAmount }
        try state.removeStake(context.sender, unstake.role, unstake.amount)
        try beginUnbonding(context.sender, unstake.role, unstake.amount)
    }

    func beginUnbonding(_ address: AccountAddress, _ role: StakeRole, _ amount: Amount) throws {
        let (release, overflow) = batch.time.addingReportingOverflow(parameters.integer(.unbondingPeriod))
        guard !overflow else { throw TransactionFailure.amountOverflow }
        let key = StateKey.unbonding(address, release: release, role)
        let existing = try state.amount(at: key)
        state.setAmount(try CheckedArithmetic.sum(existing, amount), at: key)
        if existing == 0 {
            state.schedule(ScheduledEvent(due: release, kind: .releaseUnbonding, subject: key))
        }
    }

    func releaseUnbonding(at key: [UInt8]) throws {
        let amount = try state.amount(at: key)
        guard amount > 0 else { return }
        let address = try AccountAddress(bytes: Array(key[1...AccountAddress.byteCount]))
        state.removeRecord(at: key)
        try state.credit(address, amount)
    }

    func handleClaimVesting(_ claim: ClaimVesting, _ context: TransactionContext) throws {
        let key = StateKey.vesting(context.sender, allocation: claim.allocation)
        guard var vesting = try state.record(VestingRecord.self, at: key) else {
            throw TransactionFailure.unknownAllocation
        }
        let vested = vesting.vested(at: batch.time)
        guard vested > vesting.claimed else { throw TransactionFailure.nothingVested }
        let claimable = vested - vesting.claimed
        vesting.claimed = vested
        state.setRecord(vesting, at: key)
        try state.credit(context.sender, claimable)
    }
}
