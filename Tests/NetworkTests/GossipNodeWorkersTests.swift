import Foundation
import Gossip
import IO
import Identity
import P2P
import Testing
import TestSupport
import Wire
@testable import Network

/// `GossipNode`'s worker validators and its dials for the router's `.connect` actions,
/// over loopback TCP.
@Suite("GossipNode worker validators and router dials", .serialized)
struct GossipNodeWorkersTests {
    static let topic = "oln-workers"

    /// Two nodes meshed on `topic`; `body` runs on the loop thread before they connect.
    static func meshedPair(
        _ loop: EventLoop, configuration: GossipRouterConfiguration = GossipRouterConfiguration(),
        before body: @escaping @Sendable (GossipNode, GossipNode) -> Void = { _, _ in }
    ) throws -> (GossipNode, GossipNode)? {
        let first = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 1)
        let second = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 2)
        let meshed = ValueBox<Bool>()
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            body(first, second)
            first.subscribe(Self.topic)
            second.subscribe(Self.topic)
            guard let address = try? first.node.listen(on: listenAddress) else { return meshed.set(false) }
            try? second.node.dial(address)
            loop.scheduleTimer(after: .milliseconds(20), repeating: .milliseconds(20)) {
                if !first.router.meshPeers(of: Self.topic).isEmpty && !second.router.meshPeers(of: Self.topic).isEmpty {
                    meshed.set(true)
                }
            }
        }
        return meshed.wait(seconds: 10) == true ? (first, second) : nil
    }

    @Test("a worker validator runs off the loop thread; its verdicts reach the router on the loop")
    func workerValidator() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let offLoop = EventRecorder<Bool>()
        let received = EventRecorder<GossipMessage>()
        let pair = try Self.meshedPair(loop) { _, second in
            second.setWorkerValidator({ message in
                offLoop.append(!loop.isOnLoopThread)
                return message.data == Array("bad".utf8) ? .reject : .accept
            }, for: Self.topic)
            second.onMessage = { message, _ in received.append(message) }
        }
        let (first, second) = try #require(pair)
        loop.execute {
            _ = try? first.publish(Array("bad".utf8), topic: Self.topic)
            _ = try? first.publish(Array("good".utf8), topic: Self.topic)
        }
        #expect(received.wait(seconds: 10) { $0.data == Array("good".utf8) } != nil)
        #expect(offLoop.wait(seconds: 1) { !$0 } == nil, "every validation ran on a worker thread")
        let statistics = ValueBox<GossipRouterStatistics>()
        loop.execute { statistics.set(second.router.statistics) }
        let counted = try #require(statistics.wait())
        #expect(counted.asynchronousValidations == 2)
        #expect(counted.rejectedMessages == 1 && counted.messagesDelivered == 1)
        #expect(received.wait(seconds: 0) { $0.data == Array("bad".utf8) } == nil)
        loop.execute { first.shutdown(); second.shutdown() }
    }

    @Test("a sliced validator runs on the loop thread in arrival order; its verdicts reach the router")
    func slicedValidator() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let validated = EventRecorder<(data: [UInt8], onLoop: Bool)>()
        let received = EventRecorder<GossipMessage>()
        let pair = try Self.meshedPair(loop) { _, second in
            second.setSlicedValidator({ message in
                validated.append((message.data ?? [], loop.isOnLoopThread))
                return message.data == [13] ? .reject : .accept
            }, for: Self.topic)
            second.onMessage = { message, _ in received.append(message) }
        }
        let (first, second) = try #require(pair)
        let count = 200
        loop.execute {
            for index in 0..<count { _ = try? first.publish([UInt8(index)], topic: Self.topic) }
        }
        #expect(received.wait(seconds: 10) { $0.data == [UInt8(count - 1)] } != nil)
        let statistics = ValueBox<GossipRouterStatistics>()
        loop.execute { statistics.set(second.router.statistics) }
        let seen = validated.recorded
        #expect(seen.map(\.data) == (0..<count).map { [UInt8($0)] }, "validated once each, in arrival order")
        #expect(seen.allSatisfy { $0.onLoop })
        let counted = try #require(statistics.wait())
        #expect(counted.asynchronousValidations == count)
        #expect(counted.rejectedMessages == 1 && counted.messagesDelivered == count - 1)
        loop.execute { first.shutdown(); second.shutdown() }
    }

    @Test("a direct peer is redialled at its last known address after its connection closes")
    func directPeerIsRedialled() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let firstKey = IdentityKey()
        var configuration = GossipRouterConfiguration()
        configuration.heartbeatInterval = .milliseconds(100)
        configuration.directConnectHeartbeats = 2
        let connections = EventRecorder<Int>()
        let listener = GossipNode(loop: loop, identity: firstKey, seed: 1)
        configuration.directPeers = [firstKey.peerID]
        let dialler = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: configuration, seed: 2)
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        let counter = ValueBox<Int>()
        loop.execute {
            var count = 0
            dialler.onHostEvent = { event in
                if case .connected = event {
                    count += 1
                    connections.append(count)
                }
            }
            listener.subscribe(Self.topic)
            dialler.subscribe(Self.topic)
            guard let address = try? listener.node.listen(on: listenAddress) else { return counter.set(nil) }
            loop.scheduleTimer(after: .milliseconds(250)) {
                counter.set(dialler.connectWithoutAddressCount)
                try? dialler.node.dial(address)
            }
        }
        #expect((counter.wait() ?? 0) >= 1, "before the first dial the peer store knows no address")
        #expect(connections.wait(seconds: 10) { $0 == 1 } != nil)
        loop.execute {
            for id in listener.node.host.connectionIDs {
                listener.node.perform { host, now in host.close(id, now: now) }
            }
        }
        #expect(connections.wait(seconds: 10) { $0 == 2 } != nil, "redialled by the direct-peer heartbeat")
        let dials = ValueBox<Int>()
        loop.execute { dials.set(dialler.connectDialCount) }
        #expect((dials.wait() ?? 0) >= 1)
        loop.execute { listener.shutdown(); dialler.shutdown() }
    }
}
