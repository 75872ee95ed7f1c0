import Ledger
import Sequencer
import Synchronization

/// What consensus runs on, read from the ledger when the node starts: the chain, the slot
/// clock, the parameters, and the consensus epochs kept beside the ledger, which the
/// running node extends as it commits (``ConsensusSchedule``: the validators and leaders of
/// each epoch come from the state a whole epoch before it starts).
///
/// - Validators: accounts with validator stake of at least `validator_stake_min`, weighted
///   by stake.
/// - Leaders: accounts with sequencer stake of at least `sequencer_stake_min`, with power in
///   whole tokens, scheduled by ``LeaderSchedule``; slot s at a height of epoch e is led by
///   entry `s mod 4096` of epoch e's table, computed from zero priorities.
/// - Slots: `slot_milliseconds` long from the genesis time.
public struct ConsensusSetup: Sendable {
    /// The epochs and the height being decided, shared between the node's loop (which
    /// updates them after each commit) and readers on other threads (gossip validators).
    public final class Epochs: Sendable {
        private let state: Mutex<(schedule: ConsensusSchedule, height: UInt64)>

        init(schedule: ConsensusSchedule, height: UInt64) {
            state = Mutex((schedule, height))
        }

        /// The epochs known.
        public var schedule: ConsensusSchedule { state.withLock { $0.schedule } }

        /// The height being decided.
        public var height: UInt64 { state.withLock { $0.height } }

        /// Takes the executor's schedule after a commit, and the next height to decide.
        public func update(schedule: ConsensusSchedule, height: UInt64) {
            state.withLock { $0 = (schedule, height) }
        }

        /// The epoch of the height being decided.
        var current: ConsensusEpoch {
            state.withLock { state in
                guard let epoch = state.schedule.epoch(forHeight: state.height) else {
                    preconditionFailure("the schedule covers the height being decided")
                }
                return epoch
            }
        }
    }

    /// Entries of the leader table; the schedule repeats after it.
    public static let leaderCycleCount = ConsensusEpoch.leaderCycleCount

    public let chainID: UInt64
    public let slotClock: SlotClock
    public let parameters: LedgerParameters
    public let epochs: Epochs

    /// Reads the chain, the clock and the kept epochs from an initialized ledger; writes
    /// nothing (a ledger at genesis gets epochs 0 and 1 from its state, which the node's
    /// executor stores).
    public init(ledger: LedgerDatabase, genesisTime: UInt64) throws(NodeError) {
        guard let chainID = ledger.chainID else { throw .ledger("the ledger holds no genesis; run `oln init` first") }
        do {
            parameters = try ledger.parameters()
            let (schedule, _) = try ConsensusSchedule.stored(in: ledger)
            epochs = Epochs(schedule: schedule, height: ledger.height + 1)
        } catch {
            throw .ledger("\(error)")
        }
        self.chainID = chainID
        slotClock = SlotClock(genesisSeconds: genesisTime, slotMilliseconds: parameters.integer(.slotMilliseconds))
    }

    /// The validators of the height being decided.
    public var validators: ValidatorSet { epochs.current.validators }

    /// The leader of `slot` at the height being decided.
    public func leader(of slot: UInt64) -> AccountAddress {
        epochs.current.leader(slot: slot)
    }

    /// The validators of `height`, if its epoch is kept.
    public func validators(forHeight height: UInt64) -> ValidatorSet? {
        epochs.schedule.validators(forHeight: height)
    }

    /// The leader of `slot` at `height`, if its epoch is kept.
    public func leader(height: UInt64, slot: UInt64) -> AccountAddress? {
        epochs.schedule.leader(height: height, slot: slot)
    }

    /// The consensus machine's configuration.
    public var configuration: ConsensusConfiguration {
        ConsensusConfiguration(chainID: chainID, slotClock: slotClock)
    }
}
