/// What the workload meant one transaction of a batch to do.
public struct PlannedTransaction: Sendable, Equatable {
    /// The kind's name, as in `TransactionKind.name`.
    public var kind: String
    /// The failure code the state machine must give it (`TransactionFailure.code`), or nil
    /// for a transaction meant to apply. One meant to apply may still fail when something
    /// changed under it in the same batch (a curator slashed by a settlement, a second vote
    /// on a proposal in a later batch); one meant to fail never applies.
    public var expectedFailure: String?
}
