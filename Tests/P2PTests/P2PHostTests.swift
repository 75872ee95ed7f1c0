import Identity
import Sodium
import Testing
import Wire
@testable import P2P

@Suite("P2PHost")
struct HostTests {
    @Test("two hosts upgrade a connection, identify each other, and ping")
    func connectIdentifyPing() throws {
        var pair = HostPair()
        try pair.connect()
        let dialerID = try #require(pair.dialerID), listenerID = try #require(pair.listenerID)
        #expect(pair.dialerEvents.contains(.connected(dialerID, pair.listener.peerID, inbound: false)))
        #expect(pair.listenerEvents.contains(.connected(listenerID, pair.dialer.peerID, inbound: true)))
        let identified = pair.dialerEvents.compactMap { event -> IdentifyMessage? in
            if case .identified(_, _, let message) = event { return message }
            return nil
        }
        let message = try #require(identified.first)
        #expect(message.agentVersion == "oln/0.1.0")
        #expect(message.protocols.contains(ProtocolID.ping))
        #expect(message.observedAddress == HostPair.dialerAddress)
        #expect(pair.listenerEvents.contains { if case .identified = $0 { true } else { false } })
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.agentVersion == "oln/0.1.0")

        // The first ping also opens and negotiates the ping stream; the second reuses it.
        pair.absorb(pair.dialer.ping(dialerID, payload: [UInt8](repeating: 5, count: 32), now: pair.now), fromListener: false)
        pair.run()
        #expect(pair.dialerEvents.filter { if case .pingRoundTrip = $0 { true } else { false } }.count == 1)
        pair.absorb(pair.dialer.ping(dialerID, payload: [UInt8](repeating: 6, count: 32), now: pair.now), fromListener: false)
        pair.now += .milliseconds(7)
        pair.run()
        #expect(pair.dialerEvents.last == .pingRoundTrip(dialerID, pair.listener.peerID, .milliseconds(7)))
    }

    @Test("the whole exchange works when bytes arrive one at a time")
    func byteAtATime() throws {
        var pair = HostPair()
        let address = try Multiaddr("\(HostPair.listenAddress)/p2p/\(pair.listener.peerID)")
        let id = try pair.dialer.dial(address, secrets: .fresh(for: pair.dialer.identity), now: pair.now)
        pair.dialerID = id
        let (accepted, output) = pair.listener.accept(from: HostPair.dialerAddress, secrets: .fresh(for: pair.listener.identity), now: pair.now)
        pair.listenerID = accepted
        pair.absorb(output, fromListener: true)
        pair.absorb(pair.dialer.dialSucceeded(id, now: pair.now), fromListener: false)
        pair.run(chunkSize: 1)
        #expect(pair.dialerEvents.contains { if case .identified = $0 { true } else { false } })
    }

    @Test("a different peer than the one dialled closes the connection")
    func wrongPeer() throws {
        var pair = HostPair()
        try pair.connect(expecting: IdentityKey().peerID)
        let closed = pair.dialerEvents.contains { event in
            if case .disconnected(_, _, .secureChannelFailed) = event { return true }
            return false
        }
        #expect(closed)
        #expect(pair.dialer.connectionCount == 0)
        #expect(!pair.dialerEvents.contains { if case .connected = $0 { true } else { false } })
    }

    @Test("a malformed multistream line closes only that connection")
    func malformedNegotiation() throws {
        var pair = HostPair()
        let (accepted, _) = pair.listener.accept(from: HostPair.dialerAddress, secrets: .fresh(for: pair.listener.identity), now: pair.now)
        pair.listenerID = accepted
        let other = pair.listener.accept(from: try Multiaddr("/ip4/127.0.0.2/tcp/1"), secrets: .fresh(for: pair.listener.identity), now: pair.now).0
        pair.injectToListener([0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f])   // "hello" without a newline
        #expect(pair.listenerEvents.contains { if case .disconnected(_, _, .negotiationFailed) = $0 { true } else { false } })
        #expect(pair.listener.connectionIDs == [other!])
        #expect(pair.listener.closeCounts["negotiation"] == 1)
    }

    @Test("a peer that never finishes the handshake is dropped at the deadline")
    func handshakeTimeout() {
        var pair = HostPair()
        let (accepted, _) = pair.listener.accept(from: HostPair.dialerAddress, secrets: .fresh(for: pair.listener.identity), now: pair.now)
        #expect(pair.listener.tick(now: pair.now + .seconds(9)).closes.isEmpty)
        let output = pair.listener.tick(now: pair.now + .seconds(10))
        #expect(output.closes == [accepted!])
        #expect(output.events.contains(.disconnected(accepted!, nil, .handshakeTimedOut(.seconds(10)))))
    }

    @Test("inbound limits refuse connections over the per-address and total caps")
    func inboundLimits() throws {
        var configuration = HostConfiguration()
        configuration.limits.perAddressCountMax = 2
        configuration.limits.inboundCountMax = 3
        var host = P2PHost(identity: IdentityKey(), configuration: configuration)
        let first = try Multiaddr("/ip4/10.0.0.1/tcp/1"), second = try Multiaddr("/ip4/10.0.0.2/tcp/1")
        #expect(host.accept(from: first, secrets: .fresh(for: host.identity), now: .zero).0 != nil)
        #expect(host.accept(from: first, secrets: .fresh(for: host.identity), now: .zero).0 != nil)
        #expect(host.accept(from: first, secrets: .fresh(for: host.identity), now: .zero).0 == nil)
        #expect(host.accept(from: second, secrets: .fresh(for: host.identity), now: .zero).0 != nil)
        #expect(host.accept(from: second, secrets: .fresh(for: host.identity), now: .zero).0 == nil)
        #expect(host.refusedCount == 2)
    }

    @Test("failed dials back off, doubling, and a success clears it")
    func dialBackoff() throws {
        var host = P2PHost(identity: IdentityKey())
        let address = try Multiaddr("/ip4/10.0.0.1/tcp/1")
        let first = try host.dial(address, secrets: .fresh(for: host.identity), now: .zero)
        host.dialFailed(first, now: .zero, jitter: 0)
        #expect(throws: P2PHost.DialError.backingOff(until: .seconds(1))) {
            try host.dial(address, secrets: .fresh(for: host.identity), now: .milliseconds(500))
        }
        let second = try host.dial(address, secrets: .fresh(for: host.identity), now: .seconds(1))
        host.dialFailed(second, now: .seconds(1), jitter: 0.5)
        #expect(host.backoff.retryTime(for: P2PHost.dialKey(address)) == .seconds(1) + .seconds(2) + .milliseconds(500))
        let third = try host.dial(address, secrets: .fresh(for: host.identity), now: .seconds(10))
        _ = host.dialSucceeded(third, now: .seconds(10))
        #expect(host.backoff.allows(P2PHost.dialKey(address), now: .seconds(10)))
    }
}

@Suite("P2PHost identify push")
struct P2PHostIdentifyPushTests {
    @Test("a host pushes its new listen addresses to connected peers")
    func push() throws {
        var pair = HostPair()
        try pair.connect()
        let added = try Multiaddr("/ip4/198.51.100.7/tcp/4001")
        pair.listener.listenAddresses.append(added)
        pair.absorb(pair.listener.pushIdentify(now: pair.now), fromListener: true)
        pair.run()
        let identifies = pair.dialerEvents.compactMap { event -> IdentifyMessage? in
            if case .identified(_, _, let message) = event { return message }
            return nil
        }
        #expect(identifies.count == 2)
        #expect(identifies.last?.listenAddresses == [added])
        #expect(pair.dialer.peerStore[pair.listener.peerID]?.addresses.contains(added) == true)
    }
}
