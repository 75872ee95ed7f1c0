import Foundation
import Gossip
import Sequencer

/// Proposals decoded and verified by the gossip validator on the worker pool, kept until
/// the router delivers them on the loop thread, so a batch's signatures are checked once.
/// Bounded: beyond ``countMax`` the oldest go, and a delivered proposal that is no longer
/// here is decoded again. Thread-safe.
final class DecodedProposals: @unchecked Sendable {
    /// Most proposals kept.
    static let countMax = 32

    private let lock = NSLock()
    private var proposals: [GossipMessageID: ProposalMessage] = [:]
    private var order: [GossipMessageID] = []

    func store(_ proposal: ProposalMessage, for id: GossipMessageID) {
        lock.lock()
        defer { lock.unlock() }
        if proposals.updateValue(proposal, forKey: id) == nil { order.append(id) }
        while order.count > Self.countMax {
            proposals[order.removeFirst()] = nil
        }
    }

    func take(_ id: GossipMessageID) -> ProposalMessage? {
        lock.lock()
        defer { lock.unlock() }
        guard let proposal = proposals.removeValue(forKey: id) else { return nil }
        order.removeAll { $0 == id }
        return proposal
    }
}
