import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import TestSupport
import Wire

/// One of our `GossipNode`s on its own event loop, driven from the test thread, for the
/// gossipsub interop tests against py-libp2p: it records what it delivered and what its host
/// saw, and reads router state on the loop thread.
final class GossipInteropNode: @unchecked Sendable {
    let loop: EventLoop
    let gossip: GossipNode
    let messages = EventRecorder<GossipMessage>()
    let hostEvents = EventRecorder<HostEvent>()

    /// A started node subscribed to `topic`.
    init(topic: String, configuration: GossipRouterConfiguration = GossipRouterConfiguration(), seed: UInt64) throws {
        loop = try EventLoop()
        loop.start()
        gossip = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: seed)
        let messages = messages, hostEvents = hostEvents
        gossip.onMessage = { message, _ in messages.append(message) }
        gossip.onHostEvent = { event in hostEvents.append(event) }
        let gossip = gossip
        loop.execute { gossip.subscribe(topic) }
    }

    var peerID: PeerID { gossip.node.peerID }

    /// Listens on a free loopback port; the address ends in our peer id.
    func listen() -> Multiaddr? {
        let bound = ValueBox<Multiaddr>(), gossip = gossip
        loop.execute { bound.set(try? gossip.node.listen(on: Multiaddr("/ip4/127.0.0.1/tcp/0"))) }
        return bound.wait()
    }

    func dial(_ address: Multiaddr) {
        let gossip = gossip
        loop.execute { try? gossip.node.dial(address) }
    }

    /// Waits until every peer in `expected` is in our mesh for `topic` (polling on the loop).
    func waitForMesh(_ topic: String, containing expected: Set<PeerID>, seconds: Double = 10) -> Bool {
        read(seconds: seconds) { gossip in
            gossip.router.meshPeers(of: topic).isSuperset(of: expected) ? true : nil
        } ?? false
    }

    /// Publishes `count` messages `prefix ‖ counter` (4-byte big-endian counter from 0), as the
    /// partner does; returns how many peers each went to.
    func publish(prefix: [UInt8], count: Int, topic: String) -> [Int] {
        let result = ValueBox<[Int]>(), gossip = gossip
        loop.execute {
            result.set((0..<count).map { index in
                (try? gossip.publish(Self.payload(prefix: prefix, index: index), topic: topic).peerCount) ?? -1
            })
        }
        return result.wait() ?? []
    }

    /// The router's counters, read on the loop.
    var statistics: GossipRouterStatistics? {
        read { $0.router.statistics }
    }

    /// Polls `body` on the loop every 20 ms until it returns a value or `seconds` pass.
    func read<Value>(seconds: Double = 5, _ body: @escaping @Sendable (GossipNode) -> Value?) -> Value? {
        let result = ValueBox<Value>(), gossip = gossip, loop = loop
        loop.execute {
            if let value = body(gossip) { return result.set(value) }
            var timer: TimerHandle?
            var attemptsLeft = Int(seconds * 50)
            timer = loop.scheduleTimer(after: .milliseconds(20), repeating: .milliseconds(20)) {
                attemptsLeft -= 1
                if let value = body(gossip) {
                    timer?.cancel()
                    result.set(value)
                } else if attemptsLeft <= 0 {
                    timer?.cancel()
                }
            }
        }
        return result.wait(seconds: seconds)
    }

    /// Whether the host reported a closed connection so far.
    var sawDisconnect: Bool {
        hostEvents.wait(seconds: 0) { if case .disconnected = $0 { true } else { false } } != nil
    }

    func shutdown() {
        let gossip = gossip
        loop.execute { gossip.shutdown() }
        loop.stop()
    }

    /// `prefix ‖ index` as a 4-byte big-endian counter.
    static func payload(prefix: [UInt8], index: Int) -> [UInt8] {
        prefix + withUnsafeBytes(of: UInt32(index).bigEndian, Array.init)
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
