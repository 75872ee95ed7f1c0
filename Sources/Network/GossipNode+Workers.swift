import Gossip
import IO
import Identity
import P2P
import Wire

/// Dials asked for by the router, and validators on the worker pool.
extension GossipNode {
    /// Dials `peer` unless it is connected already. A signed peer record that came with a
    /// peer-exchange offer (verified by the router) goes into the host's peer store first,
    /// so its addresses (certified, first in the store) are dialled even for a peer never
    /// seen before; otherwise the first TCP address the peer store knows is, and a peer
    /// with none is only counted.
    func connect(_ peer: PeerID, record: SignedPeerRecord? = nil) {
        guard !connectionPeers.values.contains(where: { $0.peer == peer }) else { return }
        if let record, record.peerID == peer {
            node.perform { host, now in
                if host.certify(record, now: now) == .accepted { self.certifiedFromExchangeCount += 1 }
                return HostOutput()
            }
        }
        let addresses = node.host.peerStore[peer]?.addresses ?? []
        guard let address = addresses.first(where: { TCPEndpoint($0) != nil }) else {
            connectWithoutAddressCount += 1
            return
        }
        let target = Multiaddr(components: Array(address.components.prefix(2)) + [.p2p(peer.multihash)])
        do {
            try node.dial(target)
            connectDialCount += 1
        } catch {
            connectDialRefusedCount += 1
        }
    }

    /// Runs the worker validator of `message`'s topic on the loop's worker pool and hands
    /// its result to the router back on the loop thread. Without one (it was removed),
    /// the router's validation timeout drops the message.
    func validateOnWorker(_ message: GossipMessage, id: GossipMessageID) {
        guard let validator = workerValidators[message.topic] else { return }
        node.loop.submit({ validator(message) }, completion: { [weak self] result in
            guard let self else { return }
            self.apply(self.router.validationResult(result, for: id, now: self.node.loop.now))
        })
    }
}
