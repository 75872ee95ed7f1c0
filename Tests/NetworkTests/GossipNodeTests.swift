import Foundation
import Gossip
import IO
import Identity
import P2P
import Testing
import TestSupport
import Wire
@testable import Network

@Suite("GossipNode over loopback TCP", .serialized)
struct GossipNodeTests {
    @Test("two nodes form a mesh for a topic and deliver each other's messages")
    func publishBothWays() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let first = GossipNode(loop: loop, identity: IdentityKey(), seed: 1)
        let second = GossipNode(loop: loop, identity: IdentityKey(), seed: 2)
        let firstReceived = EventRecorder<GossipMessage>(), secondReceived = EventRecorder<GossipMessage>()
        first.onMessage = { message, _ in firstReceived.append(message) }
        second.onMessage = { message, _ in secondReceived.append(message) }
        let meshed = ValueBox<Bool>()
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            first.subscribe("oln-test")
            second.subscribe("oln-test")
            guard let address = try? first.node.listen(on: listenAddress) else { return meshed.set(false) }
            try? second.node.dial(address)
            // Poll until each has the other in its mesh.
            loop.scheduleTimer(after: .milliseconds(20), repeating: .milliseconds(20)) {
                if !first.router.meshPeers(of: "oln-test").isEmpty && !second.router.meshPeers(of: "oln-test").isEmpty {
                    meshed.set(true)
                }
            }
        }
        #expect(meshed.wait(seconds: 10) == true)
        loop.execute {
            _ = try? second.publish(Array("from second".utf8), topic: "oln-test")
            _ = try? first.publish(Array("from first".utf8), topic: "oln-test")
        }
        let atFirst = firstReceived.wait(seconds: 10) { $0.data == Array("from second".utf8) }
        let atSecond = secondReceived.wait(seconds: 10) { $0.data == Array("from first".utf8) }
        #expect(atFirst?.from == second.node.peerID.bytes)
        #expect(atSecond?.from == first.node.peerID.bytes)
        #expect(try atFirst?.verify(policy: .strictSign) == second.node.peerID)
        loop.execute { first.shutdown(); second.shutdown() }
    }
}
