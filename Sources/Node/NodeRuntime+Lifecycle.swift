import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import Sequencer
import Wire

/// Starting, the timers of a running node, and stopping. Loop thread.
extension NodeRuntime {
    func startOnLoop() throws(NodeError) -> [Multiaddr] {
        for text in configuration.listen {
            do {
                dialable.append(try gossip.node.listen(on: try Multiaddr(text)))
            } catch {
                throw .network("cannot listen on \(text): \(error)")
            }
        }
        installValidators()
        gossip.onMessage = { [unowned self] message, id in deliver(message, id: id) }
        gossip.onHostEvent = { [unowned self] event in hostEvent(event) }
        for topic in topics.all { gossip.subscribe(topic) }
        dialBootstrapPeers()
        let slot = Duration.milliseconds(Int64(clamping: setup.slotClock.slotMilliseconds))
        slotTimer = loop.scheduleTimer(after: slot, repeating: slot) { [unowned self] in slotDuties() }
        redialTimer = loop.scheduleTimer(after: options.redialInterval, repeating: options.redialInterval) { [unowned self] in
            dialBootstrapPeers()
        }
        heightAtLastSlot = machine.height
        log.info("started", ["peer_id": identity.peerID, "address": identity.accountAddress, "chain_id": setup.chainID,
                             "height": machine.executor.head.height, "roles": configuration.roles.map(\.rawValue).joined(separator: ","),
                             "validator": machine.isValidator, "validators": setup.validators.members.count,
                             "slot_ms": setup.slotClock.slotMilliseconds,
                             "listen": dialable.map(\.description).joined(separator: ",")])
        carry(machine.start(now: now))
        publishStatus()
        return dialable
    }

    /// Dials every bootstrap address whose peer is not connected (dial back-off in the
    /// host spaces out attempts at peers that are down).
    func dialBootstrapPeers() {
        let connected = Set(connections.values)
        for address in bootstrap {
            if let peer = Self.peerID(in: address), connected.contains(peer) || peer == identity.peerID { continue }
            do {
                try gossip.node.dial(address)
            } catch {
                log.debug("dial_refused", ["address": address, "reason": error])
            }
        }
    }

    static func peerID(in address: Multiaddr) -> PeerID? {
        for case .p2p(let multihash) in address.components {
            return try? PeerID(multihash: multihash)
        }
        return nil
    }

    /// Once a slot: status, re-sending own votes when the height is stuck, sync upkeep.
    func slotDuties() {
        guard !isStopping else { return }
        if machine.height == heightAtLastSlot {
            for vote in recentVotes where vote.body.height == machine.height {
                publish(vote.envelopeBytes, on: topics.votes)
            }
        }
        heightAtLastSlot = machine.height
        syncUpkeep()
        blobUpkeep()
        publishStatus()
    }

    func shutdownOnLoop() {
        guard !isStopping else { return }
        isStopping = true
        for timer in [wakeUpTimer, slotTimer, redialTimer] { timer?.cancel() }
        stopRequestStreams()
        gossip.shutdown()
    }

    /// Stops the node after an error it cannot continue from (the ledger or the signing
    /// state cannot be written).
    func fail(_ reason: String) {
        guard !isStopping else { return }
        log.error("fatal", ["reason": reason])
        shutdownOnLoop()
        DispatchQueue.global().async { [self] in stop() }
    }
}
