import Ledger

/// The schedule on the real ledger: the sets a state gives, and the epochs kept beside the
/// ledger in `consensus_epochs` (``LedgerDatabase/consensusEpochRows()``).
extension ConsensusSchedule {
    /// The sets of the ledger's current state: its validators (``ValidatorSet/current(in:)``),
    /// its sequencers (sequencer stake of at least `sequencer_stake_min`, power in whole
    /// tokens up to ``LeaderSchedule/powerMax``, the largest 1,000) and `epoch_heights`.
    public static func sets(in ledger: LedgerDatabase) throws
        -> (heightCount: UInt64, validators: ValidatorSet, sequencers: [LeaderSchedule.Member]) {
        let parameters = try ledger.parameters()
        let minimum = parameters[.sequencerStakeMin]
        var sequencers: [LeaderSchedule.Member] = []
        for staker in try ledger.stakers(of: .sequencer) where staker.amount >= minimum {
            let power = power(of: staker.amount)
            if power > 0 { sequencers.append(LeaderSchedule.Member(address: staker.address, power: power)) }
        }
        sequencers.sort { (left: LeaderSchedule.Member, right: LeaderSchedule.Member) -> Bool in
            left.power != right.power ? left.power > right.power : left.address < right.address
        }
        let kept = Array(sequencers.prefix(LeaderSchedule.memberCountMax))
        return (parameters.integer(.epochHeights), try ValidatorSet.current(in: ledger), kept)
    }

    /// A sequencer's leader power: its stake in whole tokens, at most ``LeaderSchedule/powerMax``.
    static func power(of stake: Amount) -> Int64 {
        Int64(min(stake / Token.baseUnitsPerToken, Amount(LeaderSchedule.powerMax)))
    }

    /// The schedule kept beside `ledger`. A ledger at genesis that keeps none gets epochs 0
    /// and 1 from its (genesis) state, with `isStored` false: the caller that writes the
    /// ledger stores them (``rows``). Reads only.
    ///
    /// - Throws: `LedgerError.corruptState` when a kept epoch does not decode, the epochs
    ///   are not consecutive, none covers the next height, or a ledger past genesis keeps
    ///   none (it was written before epochs existed); `LedgerError.notInitialized`.
    public static func stored(in ledger: LedgerDatabase) throws -> (schedule: ConsensusSchedule, isStored: Bool) {
        guard ledger.isInitialized else { throw LedgerError.notInitialized }
        let rows = try ledger.consensusEpochRows().suffix(epochCountMax)
        guard !rows.isEmpty else {
            guard ledger.height == 0 else {
                throw LedgerError.corruptState("the ledger keeps no consensus epochs; it predates them: sync it again from genesis")
            }
            let sets = try sets(in: ledger)
            guard !sets.validators.members.isEmpty else {
                throw LedgerError.invalidGenesis("the chain has no validator with at least the minimum stake")
            }
            guard !sets.sequencers.isEmpty else {
                throw LedgerError.invalidGenesis("the chain has no sequencer with at least the minimum stake")
            }
            return (genesis(heightCount: sets.heightCount, validators: sets.validators, sequencers: sets.sequencers), false)
        }
        var epochs: [ConsensusEpoch] = []
        for row in rows {
            guard let epoch = try? ConsensusEpoch.decode(row.record), epoch.number == row.number,
                  epochs.last.map({ $0.number + 1 == epoch.number && $0.nextFirstHeight == epoch.firstHeight }) ?? true else {
                throw LedgerError.corruptState("consensus epoch \(row.number) is damaged or out of sequence")
            }
            epochs.append(epoch)
        }
        let schedule = ConsensusSchedule(epochs: epochs)
        let next = ledger.height.addingReportingOverflow(1)
        guard next.overflow || schedule.epoch(forHeight: next.partialValue) != nil else {
            throw LedgerError.corruptState("no kept consensus epoch covers height \(next.partialValue)")
        }
        return (schedule, true)
    }

    /// The kept epochs as rows for the ledger.
    public var rows: [ConsensusEpochRow] {
        epochs.map { ConsensusEpochRow(number: $0.number, record: $0.encoded) }
    }

    /// The epoch after the latest computed from `ledger`'s current state, with the rows the
    /// ledger keeps for it (the new one, and how far back rows are kept). Nil when the
    /// latest epoch ends at the largest height.
    func successor(in ledger: LedgerDatabase) throws -> (epoch: ConsensusEpoch, rows: LedgerDatabase.EpochRows)? {
        let sets = try Self.sets(in: ledger)
        guard let epoch = successor(heightCount: sets.heightCount, validators: sets.validators,
                                    sequencers: sets.sequencers) else { return nil }
        var extended = self
        extended.append(epoch)
        return (epoch, ([ConsensusEpochRow(number: epoch.number, record: epoch.encoded)], extended.epochs[0].number))
    }
}
