import Ledger

/// The votes of one height, by slot and step: each validator's first vote per (slot,
/// step), the stake behind each value, and the stake of everyone heard from in each slot.
///
/// Bounded by its owner: it holds one vote per validator and (slot, step), and the
/// machine prunes slots that fall out of its window.
struct VoteTally {
    struct Key: Hashable {
        let slot: UInt64
        let step: ConsensusVote.Step
    }

    /// The votes of one (slot, step).
    struct Votes {
        var byValidator: [AccountAddress: SignedMessage<ConsensusVote>] = [:]
        /// Stake per value; nil (a vote for nil) is the empty key.
        var weightByHash: [[UInt8]: Amount] = [:]
        var totalWeight: Amount = 0
    }

    enum Outcome: Equatable {
        case added
        /// The same vote again.
        case duplicate
        /// The validator already voted for another value in this (slot, step).
        case conflicting
    }

    private(set) var votes: [Key: Votes] = [:]
    /// Who was heard from in each slot (votes and proposals), with their stake.
    private var senders: [UInt64: Set<AccountAddress>] = [:]
    private(set) var senderWeight: [UInt64: Amount] = [:]

    /// Adds a verified vote from a validator with `stake`.
    mutating func add(_ vote: SignedMessage<ConsensusVote>, stake: Amount) -> Outcome {
        let key = Key(slot: vote.body.slot, step: vote.body.step)
        let validator = vote.signerAddress
        if let earlier = votes[key]?.byValidator[validator] {
            return earlier.body == vote.body ? .duplicate : .conflicting
        }
        votes[key, default: Votes()].byValidator[validator] = vote
        votes[key]!.weightByHash[vote.body.batchHash ?? [], default: 0] += stake
        votes[key]!.totalWeight += stake
        return .added
    }

    /// Records that `validator` was heard from in `slot`; returns the slot's sender stake.
    mutating func addSender(_ validator: AccountAddress, stake: Amount, slot: UInt64) -> Amount {
        if senders[slot, default: []].insert(validator).inserted {
            senderWeight[slot, default: 0] += stake
        }
        return senderWeight[slot] ?? 0
    }

    /// The stake that voted for `batchHash` (nil: for nil) in (slot, step).
    func weight(slot: UInt64, step: ConsensusVote.Step, batchHash: [UInt8]?) -> Amount {
        votes[Key(slot: slot, step: step)]?.weightByHash[batchHash ?? []] ?? 0
    }

    /// The stake that voted for anything in (slot, step).
    func totalWeight(slot: UInt64, step: ConsensusVote.Step) -> Amount {
        votes[Key(slot: slot, step: step)]?.totalWeight ?? 0
    }

    /// The votes for `batchHash` in (slot, step), ordered by validator address.
    func votes(slot: UInt64, step: ConsensusVote.Step, batchHash: [UInt8]) -> [SignedMessage<ConsensusVote>] {
        guard let entry = votes[Key(slot: slot, step: step)] else { return [] }
        return entry.byValidator.filter { $0.value.body.batchHash == batchHash }
            .sorted { $0.key < $1.key }.map(\.value)
    }

    /// Forgets every slot below `slot`.
    mutating func prune(slotsBelow slot: UInt64) {
        votes = votes.filter { $0.key.slot >= slot }
        senders = senders.filter { $0.key >= slot }
        senderWeight = senderWeight.filter { $0.key >= slot }
    }
}
