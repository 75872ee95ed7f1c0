/// Something the state machine does when a batch's time reaches `due`: settle a
/// contribution or a challenge, close or enact a proposal, release unbonded stake.
///
/// Events are kept in the `schedule` table, ordered by `(due, kind, subject)`. The table
/// is derived from the state (every event follows from a record), so it is not part of
/// the state root.
struct ScheduledEvent: Sendable, Hashable, Comparable {
    enum Kind: Int64, Sendable {
        case releaseUnbonding = 1
        case settleContribution = 2
        case closeProposal = 3
        case enactProposal = 4
        case settleChallenge = 5
    }

    var due: UInt64
    var kind: Kind
    /// The state key of the record the event acts on.
    var subject: [UInt8]

    static func < (left: ScheduledEvent, right: ScheduledEvent) -> Bool {
        if left.due != right.due { return left.due < right.due }
        if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
        return left.subject.lexicographicallyPrecedes(right.subject)
    }
}
