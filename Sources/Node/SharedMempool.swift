import Sequencer

/// The node's mempool, shared by the gossip validators (which add transactions) and the
/// batch executor inside the consensus machine (which drafts from it and cleans it after
/// each batch). Loop thread only.
public final class SharedMempool: @unchecked Sendable {
    public var mempool: Mempool

    public init(limits: MempoolLimits = .standard) {
        mempool = Mempool(limits: limits)
    }
}
