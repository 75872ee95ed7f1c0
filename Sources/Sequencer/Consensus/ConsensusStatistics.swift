/// Counts of what a ``ConsensusMachine`` did with its inputs, dropped ones included.
public struct ConsensusStatistics: Sendable, Equatable {
    public var roundsStarted = 0
    /// Rounds entered early because more than 1/3 of the stake was already there.
    public var roundsSkippedAhead = 0
    public var heightsCommitted = 0
    /// Of those, heights committed from a certificate rather than from counted precommits.
    public var heightsCommittedFromCertificates = 0

    public var proposalsAccepted = 0
    /// Not from the slot's leader, or the batch is malformed for this height.
    public var proposalsInvalid = 0
    /// A second, different proposal from one leader for one slot.
    public var proposalsConflicting = 0
    public var proposalsDuplicate = 0
    /// For a decided height.
    public var proposalsStale = 0
    /// Outside the round window, or beyond the buffered heights and their bound.
    public var proposalsDropped = 0

    public var votesAccepted = 0
    public var votesDuplicate = 0
    /// A second, different vote from one validator for one (height, slot, step).
    public var votesConflicting = 0
    public var votesStale = 0
    public var votesFromNonValidators = 0
    /// Outside the round window, or beyond the buffered heights and their bound.
    public var votesDropped = 0

    /// Certificates refused: wrong batch, signatures, stake, or a batch that is invalid.
    public var certificatesRejected = 0
    public var certificatesStale = 0
    /// For a height beyond the next: the host should sync.
    public var certificatesAhead = 0

    /// Leaders caught signing two headers for one slot.
    public var equivocations = 0

    public init() {}
}
