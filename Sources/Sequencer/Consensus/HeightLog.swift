import Ledger

/// What a ``ConsensusMachine`` knows about the height it is deciding: proposals by slot,
/// proposed batches by hash with their validity, the votes, and which rules already fired
/// in which round. Replaced by an empty log when the height is decided.
struct HeightLog {
    /// The first valid-looking proposal from a slot's leader.
    struct Proposal {
        let id: [UInt8]
        let batchHash: [UInt8]
        let validSlot: UInt64?
        /// The stake of the distinct validators whose prevotes the re-proposal carries.
        /// They justify it even where the tally counted another vote of a validator that
        /// equivocated in the valid slot.
        let carriedPolkaWeight: Amount
    }

    /// A precommit quorum: (slot, batch) with more than 2/3 of the stake.
    struct Quorum: Hashable {
        let slot: UInt64
        let batchHash: [UInt8]
    }

    var proposals: [UInt64: Proposal] = [:]
    var batches: [[UInt8]: BatchMessage] = [:]
    /// The executor's verdict per batch hash (Tendermint's valid(v)).
    var validity: [[UInt8]: Bool] = [:]
    var tally = VoteTally()
    /// Precommit quorums seen; the height is decided once one's batch is known and valid.
    var quorums: Set<Quorum> = []
    /// The highest slot with more than 1/3 of the stake heard from.
    var skipTarget: UInt64?
    /// The round in which the polka rule (lock or update the valid value) last fired.
    var polkaRound: UInt64?
    /// The round in which the prevote timeout was last scheduled.
    var prevoteTimeoutRound: UInt64?

    /// Forgets slots below `slot`, keeping the batches that `keptHashes` still need.
    mutating func prune(slotsBelow slot: UInt64, keeping keptHashes: Set<[UInt8]>) {
        proposals = proposals.filter { $0.key >= slot }
        tally.prune(slotsBelow: slot)
        quorums = quorums.filter { $0.slot >= slot }
        let referenced = Set(proposals.values.map(\.batchHash)).union(keptHashes)
        batches = batches.filter { referenced.contains($0.key) }
        validity = validity.filter { referenced.contains($0.key) }
    }
}
