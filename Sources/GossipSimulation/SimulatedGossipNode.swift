import Gossip
import Identity
import Simulation

/// One router as a simulated node.
public struct SimulatedGossipNode: SimulatedNode {
    public static let heartbeatTimer = 0

    public var router: GossipRouter
    let peerIDs: [PeerID]
    let indexByPeer: [PeerID: Int]
    /// When each message was first delivered here.
    public internal(set) var deliveries: [GossipMessageID: Duration] = [:]
    /// Full messages received in RPCs, duplicates included.
    public internal(set) var messagesReceived = 0
    public internal(set) var decodingFailures = 0
    /// When false the node takes part in the mesh but forwards nothing (an attacker).
    public var forwards = true
    /// An attacker's flood: messages with forged signatures sent to every peer each heartbeat.
    public var invalidMessagesPerHeartbeat = 0
    /// The room given out each time the node's uplink has sent everything handed to it
    /// (like a small socket send buffer): every peer with urgent RPCs (control, our own
    /// messages) gets this much, then peers with forwards, in turn, share it; the router
    /// keeps the rest in its outbound queues, where unwanted and stale copies can still
    /// be dropped. Nil: the router is not metered, and every RPC goes out at once.
    public var sendBufferByteCount: Int?
    /// When set, the node's validator answers each `.validate` this long after it was
    /// asked, with `.accept` (the router must validate the topic asynchronously).
    public var validationDelay: Duration?
    /// The message each pending validation timer answers for, by timer id.
    private var validationTimers: [Int: GossipMessageID] = [:]
    private var nextValidationTimer = Self.heartbeatTimer + 1
    /// The neighbours in the order they were met, and whose turn it is to send forwards.
    private var neighbours: [Int] = []
    private var nextForwardTurn = 0
    /// Whether the uplink still sends what it was handed (an idle report is then pending).
    private var isUplinkBusy = false
    private var invalidSequence: UInt64 = 0

    public init(router: GossipRouter, peerIDs: [PeerID], indexByPeer: [PeerID: Int]) {
        self.router = router
        self.peerIDs = peerIDs
        self.indexByPeer = indexByPeer
    }

    public mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction] {
        guard let rpc = try? GossipRPC(protobufBytes: message) else {
            decodingFailures += 1
            return []
        }
        messagesReceived += rpc.messages.count
        // The router's actions are taken first: `withoutForwardsIfSilent(convert(…))` would
        // copy `self` before the argument mutates it, and every dictionary the router then
        // changes would be copied whole.
        let actions = convert(router.receive(rpc, from: peerIDs[peer], now: now), now: now)
        return withoutForwardsIfSilent(actions)
    }

    /// `actions`, less the sends that carry messages when the node does not forward.
    private func withoutForwardsIfSilent(_ actions: [SimulationAction]) -> [SimulationAction] {
        forwards ? actions : actions.filter { if case .send(let bytes, _) = $0 { Self.carriesNoMessage(bytes) } else { true } }
    }

    /// The uplink has sent everything handed to it: queued RPCs may go.
    public mutating func uplinkIdle(now: Duration) -> [SimulationAction] {
        isUplinkBusy = false
        return convert([], now: now)
    }

    /// Room for the peers with urgent RPCs, then for peers with forwards, in turn, until
    /// `room` bytes of them are on their way (at least one RPC when any waits).
    private mutating func grantRoom(_ room: Int, now: Duration) -> [SimulationAction] {
        guard router.hasQueuedRPCs else { return [] }
        var actions: [SimulationAction] = []
        for index in neighbours where router.queuedUrgentCount(for: peerIDs[index]) > 0 {
            actions += translate(router.peerWritable(peerIDs[index], byteCount: room, now: now), now: now)
        }
        var left = room - Self.byteCount(of: actions)
        var turns = 0
        while turns < neighbours.count && (left > 0 || actions.isEmpty) {
            let peer = peerIDs[neighbours[(nextForwardTurn + turns) % neighbours.count]]
            turns += 1
            guard router.queuedMessageCount(for: peer) > 0 else { continue }
            let sent = translate(router.peerWritable(peer, byteCount: max(left, 1), now: now), now: now)
            left -= Self.byteCount(of: sent)
            actions += sent
        }
        if !neighbours.isEmpty { nextForwardTurn = (nextForwardTurn + turns) % neighbours.count }
        return actions
    }

    private static func byteCount(of actions: [SimulationAction]) -> Int {
        actions.reduce(0) { if case .send(let bytes, _) = $1 { $0 + bytes.count } else { $0 } }
    }

    /// Adds the router's peer at `index`; with a send buffer the router meters it, with no
    /// room until the uplink is idle.
    public mutating func meet(_ index: Int, outbound: Bool, now: Duration) -> [SimulationAction] {
        let peer = peerIDs[index]
        neighbours.append(index)
        var actions = router.addPeer(peer, version: .v1_2, outbound: outbound, now: now)
        if sendBufferByteCount != nil {
            actions += router.peerWritable(peer, byteCount: 0, now: now)
        }
        return convert(actions, now: now)
    }

    public mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] {
        if let id = validationTimers.removeValue(forKey: timer) {
            let actions = convert(router.validationResult(.accept, for: id, now: now), now: now)
            return withoutForwardsIfSilent(actions)
        }
        var actions = convert(router.heartbeat(now: now), now: now)
        actions += invalidFlood()
        actions.append(.setTimer(Self.heartbeatTimer, after: router.configuration.heartbeatInterval))
        return actions
    }

    /// Messages in every subscribed topic whose signatures do not verify, to every peer.
    private mutating func invalidFlood() -> [SimulationAction] {
        guard invalidMessagesPerHeartbeat > 0 else { return [] }
        var messages: [GossipMessage] = []
        for topic in router.subscribedTopics.sorted() {
            for _ in 0..<invalidMessagesPerHeartbeat {
                invalidSequence += 1
                let seqno = (0..<8).map { UInt8(truncatingIfNeeded: invalidSequence >> (56 - 8 * UInt64($0))) }
                messages.append(GossipMessage(
                    from: router.localPeer.bytes, data: [0xba, 0xd0], seqno: seqno, topic: topic,
                    signature: [UInt8](repeating: 0, count: 64), key: nil))
            }
        }
        let bytes = GossipRPC(subscriptions: [], messages: messages, control: nil).protobufBytes
        return router.connectedPeers.compactMap { indexByPeer[$0] }.sorted().map { .send(bytes, to: $0) }
    }

    /// Turns router actions into simulator actions, recording deliveries. With a send
    /// buffer: when the uplink is idle and the router sent nothing, room is given out
    /// (`grantRoom`); whenever something is sent, the uplink is watched, so that what waits
    /// goes once it is idle again.
    public mutating func convert(_ actions: [GossipRouterAction], now: Duration) -> [SimulationAction] {
        var converted = translate(actions, now: now)
        guard let sendBufferByteCount else { return converted }
        var sent = converted.contains { if case .send = $0 { true } else { false } }
        if !sent && !isUplinkBusy {
            converted += grantRoom(sendBufferByteCount, now: now)
            sent = converted.contains { if case .send = $0 { true } else { false } }
        }
        if sent {
            isUplinkBusy = true
            converted.append(.notifyWhenUplinkIdle)
        }
        return converted
    }

    private mutating func translate(_ actions: [GossipRouterAction], now: Duration) -> [SimulationAction] {
        var converted: [SimulationAction] = []
        for action in actions {
            switch action {
            case .send(let peer, let rpc):
                guard let index = indexByPeer[peer] else { continue }
                converted.append(.send(rpc.protobufBytes, to: index))
            case .deliver(_, let id):
                if deliveries[id] == nil { deliveries[id] = now }
            case .validate(_, let id, _):
                guard let validationDelay else { continue }
                let timer = nextValidationTimer
                nextValidationTimer += 1
                validationTimers[timer] = id
                converted.append(.setTimer(timer, after: validationDelay))
            case .disconnect, .connect:
                // The topology is fixed: links are neither dropped nor added.
                break
            }
        }
        return converted
    }

    private static func carriesNoMessage(_ bytes: [UInt8]) -> Bool {
        (try? GossipRPC(protobufBytes: bytes))?.messages.isEmpty ?? true
    }
}
