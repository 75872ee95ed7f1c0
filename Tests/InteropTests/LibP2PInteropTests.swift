import Foundation
import IO
import Identity
import Network
import P2P
import Testing
import TestSupport
import Wire

/// Our node against py-libp2p 0.8.1 over loopback TCP: Noise, yamux, identify and ping in
/// both directions. Needs the .venv that Scripts/setup creates; fails, naming the fix,
/// when it is missing.
@Suite("Interop with py-libp2p", .serialized)
struct LibP2PInteropTests {
    @Test("our node dials py-libp2p: identify and ping work both ways on the connection")
    func weDialPython() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        let partner = try PartnerProcess(arguments: ["listen", "--seconds", "20", "--pings", "3"])
        let listening = try #require(partner.waitFor("listening"), "partner did not start: \(partner.log)")
        let addressText = try #require((listening["addrs"] as? [String])?.first)
        let partnerPeer = try #require(listening["peer_id"] as? String)

        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let (node, log) = Self.pingingNode(on: loop)
        let address = try Multiaddr(addressText)
        loop.execute { try? node.dial(address) }

        let identified = log.wait { if case .identified = $0 { true } else { false } }
        guard case .identified(_, let peer, let message)? = identified else {
            Issue.record("py-libp2p did not answer identify; partner log: \(partner.log)")
            return
        }
        #expect(peer.description == partnerPeer)
        #expect(message.agentVersion?.hasPrefix("py-libp2p") == true)
        #expect(message.protocols.contains("/ipfs/ping/1.0.0"))
        #expect(log.wait { if case .pingRoundTrip = $0 { true } else { false } } != nil, "partner log: \(partner.log)")

        // py-libp2p's signed peer record (identify field 8) verifies here: its addresses are
        // kept as certified, and they include the address we dialled.
        #expect(message.signedPeerRecord != nil)
        let certified = ValueBox<([Multiaddr], PeerRecordStatistics)>()
        loop.execute { certified.set((node.host.peerStore[peer]?.certifiedAddresses ?? [], node.host.peerRecordStatistics)) }
        let (addresses, statistics) = try #require(certified.wait())
        #expect(statistics.accepted >= 1 && statistics.invalid == 0 && statistics.unsupported == 0, "\(statistics)")
        #expect(addresses.contains { Self.withoutPeerID($0) == Self.withoutPeerID(address) }, "certified: \(addresses)")

        // The partner identifies and pings us over the same connection.
        let theirView = partner.waitFor("identified")
        #expect(theirView?["agent_version"] as? String == "oln/0.1.0", "partner log: \(partner.log)")
        #expect(theirView?["public_key_matches"] as? Bool == true)
        #expect(theirView?["responder_closed"] as? Bool == true)
        #expect(partner.waitFor("ping", count: 3), "partner log: \(partner.log)")
        #expect(partner.all("error").isEmpty, "partner errors: \(partner.all("error"))")
        loop.execute { node.shutdown() }
        partner.finish(seconds: 1)
    }

    @Test("py-libp2p dials our node: identify and ping work both ways on the connection")
    func pythonDialsUs() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let (node, log) = Self.pingingNode(on: loop)
        let bound = ValueBox<Multiaddr>()
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute { bound.set(try? node.listen(on: listenAddress)) }
        let address = try #require(bound.wait(), "our node could not listen")

        let partner = try PartnerProcess(arguments: ["dial", address.description, "--pings", "3"])
        let done = partner.waitFor("done")
        #expect(done != nil, "partner did not finish: \(partner.all("error")) \(partner.log)")
        let theirView = partner.waitFor("identified")
        #expect(theirView?["agent_version"] as? String == "oln/0.1.0")
        #expect(theirView?["peer_id"] as? String == node.peerID.description)
        // Our signed peer record, sealed when we started listening, opens in py-libp2p.
        let record = theirView?["signed_record"] as? [String: Any]
        #expect(record?["valid"] as? Bool == true, "\(String(describing: record))")
        #expect(record?["signer_matches"] as? Bool == true)
        #expect(record?["addrs"] as? [String] == [Self.withoutPeerID(address).description])
        let sequence = ValueBox<UInt64>()
        loop.execute { sequence.set(node.host.localPeerRecord?.sequence) }
        #expect((record?["seq"] as? NSNumber)?.uint64Value == sequence.wait())
        #expect(partner.all("ping").count == 3)
        #expect(partner.finish() == 0)

        let identified = log.wait { if case .identified = $0 { true } else { false } }
        guard case .identified(_, _, let message)? = identified else {
            Issue.record("we did not identify the py-libp2p dialer")
            return
        }
        #expect(message.agentVersion?.hasPrefix("py-libp2p") == true)
        loop.execute { node.shutdown() }
    }

    /// `address` without its `/p2p/…` part.
    static func withoutPeerID(_ address: Multiaddr) -> Multiaddr {
        Multiaddr(components: address.components.filter { if case .p2p = $0 { false } else { true } })
    }

    /// A node that pings every peer it connects to and records its events.
    static func pingingNode(on loop: EventLoop) -> (P2PNode, EventRecorder<HostEvent>) {
        let node = P2PNode(loop: loop, identity: IdentityKey())
        let log = EventRecorder<HostEvent>()
        node.onEvent = { event in
            log.append(event)
            if case .connected(let id, _, _) = event { node.ping(id) }
        }
        return (node, log)
    }
}
