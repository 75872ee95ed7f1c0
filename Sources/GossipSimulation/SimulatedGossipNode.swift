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
        convert(router.heartbeat(now: now), now: now)
            + [.setTimer(Self.heartbeatTimer, after: router.configuration.heartbeatInterval)]
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
