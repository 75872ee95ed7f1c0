/// Where a validator stands in the current round.
public enum ConsensusStep: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The height's first round has not begun: the last height was decided in an earlier
    /// part of this slot, and the next height starts at the next slot boundary.
    case waiting
    /// Waiting for the slot leader's proposal.
    case propose
    /// Prevoted; waiting for a polka (more than 2/3 of the stake prevoting one value).
    case prevote
    /// Precommitted; waiting for a decision or the end of the slot.
    case precommit

    public static func < (left: ConsensusStep, right: ConsensusStep) -> Bool { left.rawValue < right.rawValue }

    public var description: String {
        switch self {
        case .waiting: "waiting"
        case .propose: "propose"
        case .prevote: "prevote"
        case .precommit: "precommit"
        }
    }
}
