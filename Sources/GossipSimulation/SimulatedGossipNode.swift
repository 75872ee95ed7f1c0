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
        let actions = convert(router.receive(rpc, from: peerIDs[peer], now: now), now: now)
        return forwards ? actions : actions.filter { if case .send(let bytes, _) = $0 { Self.carriesNoMessage(bytes) } else { true } }
    }

    public mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] {
        convert(router.heartbeat(now: now), now: now) + invalidFlood()
            + [.setTimer(Self.heartbeatTimer, after: router.configuration.heartbeatInterval)]
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

    /// Turns router actions into simulator actions, recording deliveries.
    public mutating func convert(_ actions: [GossipRouterAction], now: Duration) -> [SimulationAction] {
        var converted: [SimulationAction] = []
        for action in actions {
            switch action {
            case .send(let peer, let rpc):
                if let index = indexByPeer[peer] { converted.append(.send(rpc.protobufBytes, to: index)) }
            case .deliver(_, let id):
                if deliveries[id] == nil { deliveries[id] = now }
            case .disconnect:
                break
            }
        }
        return converted
    }

    private static func carriesNoMessage(_ bytes: [UInt8]) -> Bool {
        (try? GossipRPC(protobufBytes: bytes))?.messages.isEmpty ?? true
    }
}
