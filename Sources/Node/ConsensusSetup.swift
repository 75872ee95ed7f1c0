import Ledger
import Sequencer

/// What consensus runs on, read from the ledger when the node starts: the validator set,
/// the leader schedule and the slot clock. The sets stay fixed while the node runs
/// (changing them at epoch boundaries is later work), so every node must start from a
/// ledger with the same stakes; stake changes take effect at the next restart of all nodes.
///
/// - Validators: accounts with validator stake of at least `validator_stake_min`, weighted
///   by stake.
/// - Leaders: accounts with sequencer stake of at least `sequencer_stake_min`, with power in
///   whole tokens, scheduled by ``LeaderSchedule``; slot s is led by entry `s mod 4096` of
///   the schedule computed from zero priorities (a cycle every peer derives alike).
/// - Slots: `slot_milliseconds` long from the genesis time.
public struct ConsensusSetup: Sendable {
    /// Entries of the leader table; the schedule repeats after it.
    public static let leaderCycleCount = 4_096

    public let chainID: UInt64
    public let validators: ValidatorSet
    public let slotClock: SlotClock
    /// The leader of slot s is `leaders[s % leaders.count]`.
    public let leaders: [AccountAddress]
    public let parameters: LedgerParameters

    /// Reads the sets and the clock from an initialized ledger.
    public init(ledger: LedgerDatabase, genesisTime: UInt64) throws(NodeError) {
        guard let chainID = ledger.chainID else { throw .ledger("the ledger holds no genesis; run `oln init` first") }
        do {
            parameters = try ledger.parameters()
            let sequencerMinimum = parameters[.sequencerStakeMin]
            let sequencerStakes = try ledger.stakers(of: .sequencer).filter { $0.amount >= sequencerMinimum }
            validators = try ValidatorSet.current(in: ledger)
            guard !validators.members.isEmpty else {
                throw NodeError.ledger("the chain has no validator with at least the minimum stake")
            }
            let members = sequencerStakes.prefix(LeaderSchedule.memberCountMax).map { entry in
                (address: entry.address, power: Int64(clamping: min(entry.amount / Token.baseUnitsPerToken, Amount(LeaderSchedule.powerMax))))
            }.filter { $0.power > 0 }
            guard !members.isEmpty else { throw NodeError.ledger("the chain has no sequencer with at least the minimum stake") }
            var schedule = LeaderSchedule(members: members)
            leaders = schedule.nextLeaders(Self.leaderCycleCount)
        } catch let error as NodeError {
            throw error
        } catch {
            throw .ledger("\(error)")
        }
        self.chainID = chainID
        slotClock = SlotClock(genesisSeconds: genesisTime, slotMilliseconds: parameters.integer(.slotMilliseconds))
    }

    /// The leader of `slot`.
    public func leader(of slot: UInt64) -> AccountAddress {
        leaders[Int(slot % UInt64(leaders.count))]
    }

    /// The consensus machine's configuration.
    public var configuration: ConsensusConfiguration {
        let leaders = self.leaders
        return ConsensusConfiguration(chainID: chainID, slotClock: slotClock, validators: validators,
                                      leader: { leaders[Int($0 % UInt64(leaders.count))] })
    }
}
