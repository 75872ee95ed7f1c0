import Foundation
import IO
import Identity
import Testing
import TestSupport
import Wire
@testable import Network
@testable import P2P

@Suite("P2PNode over loopback TCP", .serialized)
struct P2PNodeTests {
    func run(listenOn text: String) throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let listener = P2PNode(loop: loop, identity: IdentityKey())
        let dialer = P2PNode(loop: loop, identity: IdentityKey())
        let listenerLog = EventRecorder<HostEvent>(), dialerLog = EventRecorder<HostEvent>()
        listener.onEvent = listenerLog.append
        dialer.onEvent = { event in
            dialerLog.append(event)
            if case .connected(let id, _, _) = event { dialer.ping(id) }
        }
        let address = try Multiaddr(text)
        loop.execute {
            if let target = try? listener.listen(on: address) { try? dialer.dial(target) }
        }
        let identified = dialerLog.wait { if case .identified = $0 { true } else { false } }
        guard case .identified(_, let peer, let message)? = identified else {
            Issue.record("no identify from the listener")
            return
        }
        #expect(peer == listener.peerID)
        #expect(message.agentVersion == "oln/0.1.0")
        #expect(message.listenAddresses.count == 1)
        #expect(dialerLog.wait { if case .pingRoundTrip = $0 { true } else { false } } != nil)
        #expect(listenerLog.wait { if case .identified(_, let who, _) = $0 { who == dialer.peerID } else { false } } != nil)
        loop.execute { listener.shutdown(); dialer.shutdown() }
        #expect(dialerLog.wait { if case .disconnected = $0 { true } else { false } } != nil)
    }

    @Test("two nodes connect over IPv4, identify each other and ping")
    func ipv4() throws {
        try run(listenOn: "/ip4/127.0.0.1/tcp/0")
    }

    @Test("two nodes connect over IPv6")
    func ipv6() throws {
        try run(listenOn: "/ip6/::1/tcp/0")
    }

    @Test("dialling a closed port reports the failure and backs off")
    func refused() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let node = P2PNode(loop: loop, identity: IdentityKey())
        let log = EventRecorder<HostEvent>()
        node.onEvent = log.append
        let address = try Multiaddr("/ip4/127.0.0.1/tcp/1")
        loop.execute { try? node.dial(address) }
        let failed = log.wait { if case .disconnected(_, nil, .dialFailed) = $0 { true } else { false } }
        #expect(failed != nil)
    }
}
