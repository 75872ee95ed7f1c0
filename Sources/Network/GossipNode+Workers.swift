import Gossip
import IO
import Identity
import P2P
import Wire

/// Dials asked for by the router, validators on the worker pool, and sliced validators.
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

    /// Queues `message` for its topic's sliced validator and starts the slices if none run.
    func queueForSlicedValidation(_ message: GossipMessage, id: GossipMessageID) {
        slicedQueue.append((message, id))
        guard slicedValidationHandle == nil else { return }
        slicedValidationHandle = node.loop.scheduleSlices { [weak self] in
            guard let self else { return false }
            return self.validateSlice()
        }
    }

    /// Validates queued messages in arrival order for up to `slicedValidationDuration`,
    /// then hands the router their results together (so the slice's forwards leave in as
    /// few RPCs as possible); returns whether messages are left for the next slice. A
    /// message whose validator was removed stays with the router until its validation
    /// timeout.
    func validateSlice() -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.slicedValidationDuration)
        var results: [(result: GossipValidationResult, id: GossipMessageID)] = []
        while clock.now < deadline, let (message, id) = slicedQueue.popFirst() {
            guard let validator = slicedValidators[message.topic] else { continue }
            results.append((validator(message), id))
        }
        if !results.isEmpty { apply(router.validationResults(results, now: node.loop.now)) }
        if slicedQueue.isEmpty { slicedValidationHandle = nil }
        return !slicedQueue.isEmpty
    }
}
