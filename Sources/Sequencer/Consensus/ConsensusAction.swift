import Ledger

/// What a ``ConsensusMachine`` asks its host to do, in order.
///
/// Order matters: a `.persist` or `.persistLock` comes before the broadcasts that rely on
/// it, and the host must have stored it durably before it sends them, or a restart could
/// make the validator sign twice or forget its lock.
public enum ConsensusAction: Sendable {
    /// Store the signing state durably; give it back to the machine after a restart.
    case persist(ConsensusSigningState)
    /// Store the lock durably (it replaces the earlier one); give it back after a restart.
    case persistLock(ConsensusLock)
    /// Gossip this node's proposal to every peer.
    case broadcastProposal(ProposalMessage)
    /// Gossip this node's vote to every peer.
    case broadcastVote(SignedMessage<ConsensusVote>)
    /// A batch was decided and applied by the executor; `certificate` proves it (gossip
    /// both to peers that lag, serve them to syncing peers, clean the mempool).
    case committed(BatchMessage, FinalityCertificate)
    /// A leader signed two different batch headers for one slot: publish the evidence.
    case evidence(EquivocationEvidence)
    /// Call `tick(now:)` at this time (milliseconds since 1970); replaces any earlier request.
    case wakeUp(at: UInt64)
}
