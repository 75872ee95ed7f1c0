import Ledger

/// Which validators and leaders decide each height: consecutive epochs of heights, each
/// with its own sets, fed in as they become known.
///
/// Epochs 0 and 1 carry the sets of genesis. The sets of every later epoch come from the
/// state after the last height before the epoch ahead of it: epoch e + 2 is computed when
/// the last height of epoch e is committed, from the state after it, and starts where
/// epoch e + 1 ends, so every epoch is known a whole epoch before it starts. Its length is
/// `epoch_heights` in that same state (a governed change of the length therefore takes
/// effect with the epoch computed after it). With a constant length E, epoch e covers
/// heights e·E + 1 … (e + 1)·E and takes the sets of the state after height (e − 1)·E.
/// A state without any validator (or sequencer) above the minimum stake keeps the previous
/// epoch's validators (or sequencers), so the chain never stops for want of a set.
///
/// Sans-IO and a value: the executor that commits batches computes the next epoch and
/// keeps it with the batch; the consensus machine reads the schedule after each commit.
public struct ConsensusSchedule: Sendable, Equatable {
    /// Most epochs kept: the current one, the next, and the six before them.
    public static let epochCountMax = 8

    /// The kept epochs, consecutive and in order.
    public private(set) var epochs: [ConsensusEpoch]

    /// - Precondition: 1 to ``epochCountMax`` consecutive epochs: numbers one apart, each
    ///   starting at the height after the previous one's last.
    public init(epochs: [ConsensusEpoch]) {
        precondition(!epochs.isEmpty && epochs.count <= Self.epochCountMax, "a schedule keeps 1 to 8 epochs")
        for (earlier, later) in zip(epochs, epochs.dropFirst()) {
            precondition(Self.follows(later, earlier), "the epochs of a schedule are consecutive")
        }
        self.epochs = epochs
    }

    /// Epochs 0 and 1 of a chain, both with the genesis sets and `heightCount` heights.
    ///
    /// - Precondition: `heightCount ≥ 1`, at least one validator, and sequencers a
    ///   ``LeaderSchedule`` accepts.
    public static func genesis(heightCount: UInt64, validators: ValidatorSet,
                               sequencers: [LeaderSchedule.Member]) -> ConsensusSchedule {
        let first = ConsensusEpoch(number: 0, firstHeight: 1, heightCount: heightCount,
                                   validators: validators, sequencers: sequencers)
        guard let second = first.successor(heightCount: heightCount, validators: validators, sequencers: sequencers) else {
            return ConsensusSchedule(epochs: [first])
        }
        return ConsensusSchedule(epochs: [first, second])
    }

    /// The newest epoch known.
    public var latest: ConsensusEpoch { epochs[epochs.count - 1] }

    /// The epoch of `height`, if it is kept.
    public func epoch(forHeight height: UInt64) -> ConsensusEpoch? {
        epochs.last { $0.firstHeight <= height }.flatMap { $0.contains(height: height) ? $0 : nil }
    }

    /// The validators of `height`'s epoch, if it is kept.
    public func validators(forHeight height: UInt64) -> ValidatorSet? {
        epoch(forHeight: height)?.validators
    }

    /// The leader of `slot` at `height`, if `height`'s epoch is kept.
    public func leader(height: UInt64, slot: UInt64) -> AccountAddress? {
        epoch(forHeight: height)?.leader(slot: slot)
    }

    /// The height whose commit makes the next epoch known (the last height before the
    /// latest epoch); nil when the latest epoch ends at the largest height.
    public var boundaryHeight: UInt64? {
        latest.nextFirstHeight == nil ? nil : latest.firstHeight - 1
    }

    /// The epoch after the latest, with the sets a state gave: empty sets keep the latest
    /// epoch's. Nil when the latest epoch ends at the largest height.
    ///
    /// - Precondition: `heightCount ≥ 1`.
    public func successor(heightCount: UInt64, validators: ValidatorSet,
                          sequencers: [LeaderSchedule.Member]) -> ConsensusEpoch? {
        latest.successor(heightCount: heightCount,
                         validators: validators.members.isEmpty ? latest.validators : validators,
                         sequencers: sequencers.isEmpty ? latest.sequencers : sequencers)
    }

    /// Adds the epoch after the latest and forgets the oldest beyond ``epochCountMax``.
    ///
    /// - Precondition: `epoch` follows the latest epoch.
    public mutating func append(_ epoch: ConsensusEpoch) {
        precondition(Self.follows(epoch, latest), "an appended epoch follows the latest")
        epochs.append(epoch)
        if epochs.count > Self.epochCountMax { epochs.removeFirst(epochs.count - Self.epochCountMax) }
    }

    private static func follows(_ later: ConsensusEpoch, _ earlier: ConsensusEpoch) -> Bool {
        later.number == earlier.number + 1 && later.firstHeight == earlier.nextFirstHeight
    }
}
