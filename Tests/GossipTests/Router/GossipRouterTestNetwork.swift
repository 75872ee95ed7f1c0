import Gossip
import Identity
import Sodium

/// Routers in one process, wired by hand: `.send` actions are queued and delivered in FIFO
/// order (after a protobuf round trip) by `run()`, and every send and delivery is logged.
struct GossipRouterTestNetwork {
    struct Sent {
        var from: Int
        var to: Int
        var rpc: GossipRPC
    }

    var routers: [GossipRouter] = []
    var keys: [IdentityKey] = []
    var now: Duration = .zero
    var pending: [Sent] = []
    var sent: [Sent] = []
    var deliveries: [[GossipMessageID]]
    /// Per node, the `.validate` requests (message id, source) not answered yet.
    var validationRequests: [[(id: GossipMessageID, from: PeerID)]]
    /// Per node, the `.connect` requests, in order.
    var connectRequests: [[(peer: PeerID, reason: GossipConnectReason)]]

    /// `count` routers with keys from fixed seeds, each with `configure` applied to the defaults.
    init(count: Int, configure: (inout GossipRouterConfiguration) -> Void = { _ in }) throws {
        var configuration = GossipRouterConfiguration()
        configure(&configuration)
        for index in 0..<count {
            let key = try Self.key(index)
            keys.append(key)
            routers.append(GossipRouter(
                localPeer: key.peerID, identity: key, configuration: configuration, seed: UInt64(index + 1)))
        }
        deliveries = Array(repeating: [], count: count)
        validationRequests = Array(repeating: [], count: count)
        connectRequests = Array(repeating: [], count: count)
    }

    /// The key of node `index`: an Ed25519 key from a fixed seed.
    static func key(_ index: Int) throws -> IdentityKey {
        IdentityKey(privateKey: try Ed25519PrivateKey(seed: [UInt8](repeating: UInt8(index + 1), count: 32)))
    }

    func peer(_ index: Int) -> PeerID { keys[index].peerID }

    /// Peers in id order, so that tests pick the same ones every run.
    static func sorted(_ peers: Set<PeerID>) -> [PeerID] {
        peers.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    func index(of peer: PeerID) -> Int? { keys.firstIndex { $0.peerID == peer } }

    /// Opens a stream between `first` (dialler) and `second`, at the given versions.
    mutating func connect(_ first: Int, _ second: Int, version: GossipProtocolVersion = .v1_2) {
        take(routers[first].addPeer(peer(second), version: version, outbound: true, now: now), from: first)
        take(routers[second].addPeer(peer(first), version: version, outbound: false, now: now), from: second)
    }

    mutating func subscribe(_ node: Int, _ topic: String) {
        take(routers[node].subscribe(topic, now: now), from: node)
    }

    /// Subscribes `nodes` to `topic`, lets the announcements arrive, and runs one
    /// heartbeat everywhere so that the meshes form.
    mutating func formMesh(_ topic: String, nodes: [Int]? = nil) throws {
        for node in nodes ?? Array(routers.indices) { subscribe(node, topic) }
        try run()
        now += .seconds(1)
        heartbeat()
        try run()
    }

    mutating func publish(_ node: Int, _ data: [UInt8], topic: String, seqno: UInt64) throws -> GossipMessageID {
        let (id, actions) = try routers[node].publish(data, topic: topic, seqno: seqno, now: now)
        take(actions, from: node)
        return id
    }

    /// Feeds node `to` an RPC from `from` directly.
    mutating func inject(_ rpc: GossipRPC, from: Int, to: Int) {
        take(routers[to].receive(rpc, from: peer(from), now: now), from: to)
    }

    mutating func heartbeat(_ nodes: [Int]? = nil) {
        for node in nodes ?? Array(routers.indices) {
            take(routers[node].heartbeat(now: now), from: node)
        }
    }

    /// Delivers queued RPCs until none is left (or `limit` are delivered); those that
    /// `lost` picks are dropped instead, as a lossy link would.
    mutating func run(limit: Int = 100_000, lost: (Sent) -> Bool = { _ in false }) throws {
        var delivered = 0
        while !pending.isEmpty && delivered < limit {
            let next = pending.removeFirst()
            if lost(next) { continue }
            delivered += 1
            let decoded = try GossipRPC(protobufBytes: next.rpc.protobufBytes)
            inject(decoded, from: next.from, to: next.to)
        }
    }

    /// Queues the sends and logs the deliveries of node `node`'s actions.
    mutating func take(_ actions: [GossipRouterAction], from node: Int) {
        for action in actions {
            switch action {
            case .send(let peer, let rpc):
                guard let target = index(of: peer) else { continue }
                let entry = Sent(from: node, to: target, rpc: rpc)
                pending.append(entry)
                sent.append(entry)
            case .deliver(_, let id):
                deliveries[node].append(id)
            case .disconnect:
                continue
            case .connect(let peer, let reason):
                connectRequests[node].append((peer, reason))
            case .validate(_, let id, let from):
                validationRequests[node].append((id, from))
            }
        }
    }

    /// Answers node `node`'s validation request for `id` with `result`.
    mutating func finishValidation(_ node: Int, _ id: GossipMessageID, _ result: GossipValidationResult) {
        validationRequests[node].removeAll { $0.id == id }
        take(routers[node].validationResult(result, for: id, now: now), from: node)
    }

    /// The messages sent from `from` to `to`, in order.
    func messages(from: Int, to: Int) -> [GossipMessage] {
        sent.filter { $0.from == from && $0.to == to }.flatMap(\.rpc.messages)
    }

    /// The control messages sent from `from` to `to`, in order.
    func controls(from: Int, to: Int) -> [GossipControlMessage] {
        sent.compactMap { $0.from == from && $0.to == to ? $0.rpc.control : nil }
    }
}
