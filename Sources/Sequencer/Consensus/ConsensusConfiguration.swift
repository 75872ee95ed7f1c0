import Ledger

/// What every node of a chain agrees on to run consensus, plus this node's bounds. Whose
/// votes count and who leads each slot change with the epochs, which the executor's
/// ``BatchExecutor/schedule`` holds.
public struct ConsensusConfiguration: Sendable {
    public var chainID: UInt64
    /// Rounds are slots: round r of any height runs in slot r.
    public var slotClock: SlotClock
    /// How long after its slot starts a validator waits for the round's proposal before
    /// it prevotes nil: half a slot by default.
    public var proposeTimeoutMilliseconds: UInt64
    /// How long after it sees more than 2/3 of the stake prevote (but no polka) a
    /// validator waits before it precommits nil: an eighth of a slot by default.
    public var prevoteTimeoutMilliseconds: UInt64
    /// How many slots before the current round the height's votes and proposals are kept.
    public var roundsBehindMax: UInt64 = 64
    /// How many slots after the current round votes and proposals are accepted.
    public var roundsAheadMax: UInt64 = 8
    /// How many heights above the current one votes and proposals are buffered.
    public var heightsAheadMax: UInt64 = 2
    /// Most buffered votes for later heights.
    public var futureVotesMax = 4_096
    /// Most buffered proposals for later heights.
    public var futureProposalsMax = 16

    public init(chainID: UInt64, slotClock: SlotClock) {
        self.chainID = chainID
        self.slotClock = slotClock
        proposeTimeoutMilliseconds = slotClock.slotMilliseconds / 2
        prevoteTimeoutMilliseconds = slotClock.slotMilliseconds / 8
    }
}
