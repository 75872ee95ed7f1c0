import Ledger
import Wire

/// The validators and leaders of one epoch: a run of consecutive heights whose votes are
/// weighed by one validator set and whose slots are led from one leader table.
///
/// The leader of slot s (at a height of this epoch) is entry `s mod leaderCycleCount` of
/// the table CometBFT's weighted round robin (``LeaderSchedule``) gives over the
/// sequencers from zero priorities, so every peer derives it from the record alone.
///
///     ConsensusEpoch   (stored beside the ledger, canonical protobuf, ≤ 128 KiB)
///       1 number · 2 first_height · 3 height_count
///       4* validator { 1 address (20) · 2 stake (amount) }      ordered by address
///       5* sequencer { 1 address (20) · 2 power }               ordered by address
public struct ConsensusEpoch: Sendable, Equatable {
    /// Entries of the leader table; the table repeats after it.
    public static let leaderCycleCount = 4_096
    /// Most bytes of a stored record: 1,000 validators and 1,000 sequencers fit.
    public static let recordByteCountMax = 128 * 1024

    public let number: UInt64
    /// The epoch's first height (at least 1).
    public let firstHeight: UInt64
    /// How many heights the epoch covers (at least 1).
    public let heightCount: UInt64
    /// Whose votes count at the epoch's heights, with what weight (not empty).
    public let validators: ValidatorSet
    /// Who leads, with what power, ordered by address (not empty).
    public let sequencers: [LeaderSchedule.Member]
    /// The leader of slot s is `leaders[s % leaderCycleCount]`.
    public let leaders: [AccountAddress]

    /// - Precondition: `number < firstHeight` (every epoch covers a height), `heightCount ≥ 1`,
    ///   the last height fits in 64 bits, at least one validator, and sequencers a
    ///   ``LeaderSchedule`` accepts.
    public init(number: UInt64, firstHeight: UInt64, heightCount: UInt64, validators: ValidatorSet,
                sequencers: [LeaderSchedule.Member]) {
        precondition(number < firstHeight && heightCount >= 1, "an epoch covers at least one height from height 1 on")
        precondition(!(firstHeight - 1).addingReportingOverflow(heightCount).overflow, "the last height fits in 64 bits")
        precondition(!validators.members.isEmpty, "an epoch has validators")
        var schedule = LeaderSchedule(members: sequencers.map { (address: $0.address, power: $0.power) })
        self.number = number
        self.firstHeight = firstHeight
        self.heightCount = heightCount
        self.validators = validators
        self.sequencers = schedule.members
        leaders = schedule.nextLeaders(Self.leaderCycleCount)
    }

    /// The epoch's last height.
    public var lastHeight: UInt64 { firstHeight + (heightCount - 1) }

    /// The first height of the next epoch; nil when this one ends at the largest height.
    public var nextFirstHeight: UInt64? {
        let (next, overflow) = lastHeight.addingReportingOverflow(1)
        return overflow ? nil : next
    }

    /// Whether `height` belongs to this epoch.
    public func contains(height: UInt64) -> Bool {
        height >= firstHeight && height - firstHeight < heightCount
    }

    /// The leader of `slot` at this epoch's heights.
    public func leader(slot: UInt64) -> AccountAddress {
        leaders[Int(slot % UInt64(Self.leaderCycleCount))]
    }

    /// The epoch after this one, with the sets given (computed from the state after this
    /// epoch's first height minus one, see ``ConsensusSchedule``); nil when this epoch
    /// ends at the largest height.
    public func successor(heightCount: UInt64, validators: ValidatorSet,
                          sequencers: [LeaderSchedule.Member]) -> ConsensusEpoch? {
        guard let first = nextFirstHeight else { return nil }
        let count = min(heightCount, UInt64.max - (first - 1))
        return ConsensusEpoch(number: number + 1, firstHeight: first, heightCount: count,
                              validators: validators, sequencers: sequencers)
    }
}
