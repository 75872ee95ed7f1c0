import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import Testing
import TestSupport
import Wire

/// Our `GossipNode` against py-libp2p 0.8.1's gossipsub over loopback TCP: messages both
/// ways on /meshsub/1.2.0 and 1.1.0, with either side dialling, and IDONTWANT handling.
/// Needs the .venv that Scripts/setup creates; fails, naming the fix, when it is missing.
@Suite("Gossipsub interop with py-libp2p", .serialized)
struct GossipInteropTests {
    static let topic = "oln-test"
    static let partnerPrefix: [UInt8] = [0x70, 0x79, 0x20]  // "py "
    static let ourPrefix: [UInt8] = Array("oln ".utf8)
    static let messageCount = 3

    @Test("our node dials py-libp2p (/meshsub/1.2.0): messages flow both ways")
    func weDialPython() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        let partner = try Self.startListeningPartner()
        defer { partner.finish(seconds: 0) }
        let (address, partnerPeer) = try Self.listeningAddress(of: partner)
        let node = try GossipInteropNode(topic: Self.topic, seed: 11)
        defer { node.shutdown() }
        node.dial(address)

        try Self.expectPartnerMessages(at: node, from: partnerPeer, partner: partner)
        try Self.publishAndExpectDelivery(from: node, to: partnerPeer, partner: partner)
        #expect(partner.waitFor("peer_protocol")?["protocol"] as? String == "/meshsub/1.2.0")
        #expect(!node.sawDisconnect, "the connection to py-libp2p closed; partner log: \(partner.log)")
        #expect(partner.all("error").isEmpty, "partner errors: \(partner.all("error"))")
    }

    @Test("py-libp2p dials our node (/meshsub/1.2.0): messages flow both ways")
    func pythonDialsUs() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        let node = try GossipInteropNode(topic: Self.topic, seed: 12)
        defer { node.shutdown() }
        let address = try #require(node.listen(), "our node could not listen")
        let partner = try PartnerProcess(arguments: [
            "gossip-dial", address.description, "--topic", Self.topic, "--timeout", "12",
            "--expect-messages", "\(Self.messageCount)", "--publish-after-peers", "1", "--publish-when", "mesh",
            "--publish-hex", GossipInteropNode.hexText(Self.partnerPrefix), "--publish-count", "\(Self.messageCount)",
        ])
        defer { partner.finish(seconds: 0) }
        let connected = node.hostEvents.wait(seconds: 10) { if case .connected = $0 { true } else { false } }
        guard case .connected(_, let partnerPeer, inbound: true)? = connected else {
            Issue.record("py-libp2p did not connect: \(partner.all("error")) \(partner.log)")
            return
        }

        try Self.expectPartnerMessages(at: node, from: partnerPeer, partner: partner)
        try Self.publishAndExpectDelivery(from: node, to: partnerPeer, partner: partner)
        #expect(partner.waitFor("done", seconds: 10) != nil, "partner did not finish: \(partner.all("error")) \(partner.log)")
        #expect(partner.finish(seconds: 5) == 0)
        #expect(partner.all("error").isEmpty, "partner errors: \(partner.all("error"))")
    }

    /// py offers only 1.1.0. A second node of ours, on 1.2.0, publishes through the node
    /// under test, whose IDONTWANT threshold is 0: it sends IDONTWANT for py's messages to the
    /// 1.2.0 node, but none to py, while forwarding the second node's messages to py.
    @Test("our node dials py-libp2p on /meshsub/1.1.0: messages flow, no IDONTWANT goes to py")
    func weDialPythonOnVersion11() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        var configuration = GossipRouterConfiguration()
        configuration.idontwantThreshold = 0
        let node = try GossipInteropNode(topic: Self.topic, configuration: configuration, seed: 13)
        defer { node.shutdown() }
        let relayed = try GossipInteropNode(topic: Self.topic, seed: 14)
        defer { relayed.shutdown() }
        relayed.dial(try #require(node.listen(), "our node could not listen"))
        #expect(node.waitForMesh(Self.topic, containing: [relayed.peerID]), "our two nodes formed no mesh")

        let partner = try Self.startListeningPartner(extraArguments: ["--protocol", "/meshsub/1.1.0"])
        defer { partner.finish(seconds: 0) }
        let (address, partnerPeer) = try Self.listeningAddress(of: partner)
        node.dial(address)

        try Self.expectPartnerMessages(at: node, from: partnerPeer, partner: partner)
        try Self.publishAndExpectDelivery(from: node, to: partnerPeer, partner: partner)
        // The second node's messages reach py through the node under test.
        let relayedPrefix: [UInt8] = Array("relay ".utf8)
        _ = relayed.publish(prefix: relayedPrefix, count: Self.messageCount, topic: Self.topic)
        for index in 0..<Self.messageCount {
            let data = GossipInteropNode.hexText(GossipInteropNode.payload(prefix: relayedPrefix, index: index))
            let line = partner.waitFor("message", seconds: 5) { $0["data_hex"] as? String == data }
            #expect(line?["from"] as? String == relayed.peerID.description, "relayed message \(index) missing: \(partner.log)")
        }
        #expect(partner.waitFor("peer_protocol")?["protocol"] as? String == "/meshsub/1.1.0")
        let sent = node.read { $0.router.statistics.idontwantIDsSent >= Self.messageCount ? $0.router.statistics : nil }
        #expect(sent != nil, "the node under test sent no IDONTWANT to its 1.2.0 peer")
        #expect(partner.all("idontwant_received").isEmpty, "IDONTWANT sent to a 1.1.0 peer: \(partner.all("idontwant_received"))")
        #expect(!node.sawDisconnect, "a connection closed; partner log: \(partner.log)")
        #expect(partner.all("error").isEmpty, "partner errors: \(partner.all("error"))")
    }

    /// py sends IDONTWANT (one id per RPC) to its 1.2.0 mesh peers for every message it
    /// publishes or accepts, and a `senderRecord` (RPC field 4) on every RPC; we must count
    /// every id and keep the connection (undecodable RPCs would close it).
    @Test("py-libp2p's IDONTWANT and senderRecord are understood on /meshsub/1.2.0")
    func pythonIDontWant() throws {
        try #require(PartnerProcess.unavailableReason == nil, "\(PartnerProcess.unavailableReason ?? "")")
        let partner = try Self.startListeningPartner(extraArguments: ["--protocol", "/meshsub/1.2.0"])
        defer { partner.finish(seconds: 0) }
        let (address, partnerPeer) = try Self.listeningAddress(of: partner)
        let node = try GossipInteropNode(topic: Self.topic, seed: 15)
        defer { node.shutdown() }
        node.dial(address)

        try Self.expectPartnerMessages(at: node, from: partnerPeer, partner: partner)
        try Self.publishAndExpectDelivery(from: node, to: partnerPeer, partner: partner)
        let ourID = node.peerID.description
        // py's IDONTWANTs for its own 3 messages and for ours (it accepts them, then tells us).
        #expect(partner.waitFor("idontwant_sent", count: 2 * Self.messageCount, seconds: 5), "partner log: \(partner.log)")
        let sentIDs = partner.all("idontwant_sent")
            .filter { $0["peer_id"] as? String == ourID }
            .reduce(0) { $0 + (($1["message_ids_hex"] as? [String])?.count ?? 0) }
        #expect(sentIDs >= 2 * Self.messageCount)
        let statistics = node.read { $0.router.statistics.idontwantIDsReceived >= sentIDs ? $0.router.statistics : nil }
        #expect(statistics?.idontwantIDsReceived == sentIDs, "py sent \(sentIDs) IDONTWANT ids; we counted \(String(describing: node.statistics))")
        #expect(statistics?.idontwantIDsDropped == 0)
        #expect(statistics?.rpcsFromUnknownPeers == 0)
        #expect(statistics?.invalidSignatureMessages == 0)
        #expect(!node.sawDisconnect, "the connection to py-libp2p closed; partner log: \(partner.log)")
        #expect(partner.all("disconnected").isEmpty)
        #expect(partner.all("error").isEmpty, "partner errors: \(partner.all("error"))")
    }

    // MARK: - Steps shared by the tests

    static func startListeningPartner(extraArguments: [String] = []) throws -> PartnerProcess {
        try PartnerProcess(arguments: [
            "gossip-listen", "--seconds", "15", "--topic", topic, "--publish-after-peers", "1", "--publish-when", "mesh",
            "--publish-hex", GossipInteropNode.hexText(partnerPrefix), "--publish-count", "\(messageCount)",
        ] + extraArguments)
    }

    static func listeningAddress(of partner: PartnerProcess) throws -> (Multiaddr, PeerID) {
        let listening = try #require(partner.waitFor("listening", seconds: 10), "partner did not start: \(partner.log)")
        let addressText = try #require((listening["addrs"] as? [String])?.first)
        let peer = try PeerID(try #require(listening["peer_id"] as? String))
        return (try Multiaddr(addressText), peer)
    }

    /// Waits for py's messages at our node; each comes from py and verifies under StrictSign.
    static func expectPartnerMessages(at node: GossipInteropNode, from partnerPeer: PeerID, partner: PartnerProcess) throws {
        for index in 0..<messageCount {
            let data = GossipInteropNode.payload(prefix: partnerPrefix, index: index)
            let message = node.messages.wait(seconds: 10) { $0.data == data }
            #expect(message != nil, "py's message \(index) did not arrive; partner log: \(partner.log)")
            guard let message else { continue }
            #expect(message.topic == topic)
            #expect(message.from == partnerPeer.bytes)
            #expect(message.seqno?.count == 8)
            #expect(try message.verify(policy: .strictSign) == partnerPeer)
        }
    }

    /// Once py is in our mesh, publishes our messages and waits for py to deliver each.
    static func publishAndExpectDelivery(from node: GossipInteropNode, to partnerPeer: PeerID, partner: PartnerProcess) throws {
        try #require(node.waitForMesh(topic, containing: [partnerPeer]), "py never joined our mesh; partner log: \(partner.log)")
        let peerCounts = node.publish(prefix: ourPrefix, count: messageCount, topic: topic)
        #expect(peerCounts.count == messageCount && peerCounts.allSatisfy { $0 >= 1 }, "publish went to \(peerCounts) peers")
        for index in 0..<messageCount {
            let data = GossipInteropNode.hexText(GossipInteropNode.payload(prefix: ourPrefix, index: index))
            let line = partner.waitFor("message", seconds: 5) { $0["data_hex"] as? String == data }
            #expect(line != nil, "py did not deliver our message \(index); partner log: \(partner.log)")
            #expect(line?["from"] as? String == node.peerID.description)
            #expect(line?["topic"] as? String == topic)
        }
        // Nothing py sent was lost: not its hello (which can arrive before our stream to it
        // is negotiated), not a message.
        let statistics = node.statistics
        #expect(statistics?.rpcsFromUnknownPeers == 0)
        #expect(statistics?.invalidSignatureMessages == 0)
        #expect(node.read { $0.droppedReceiveCount } == 0)
    }
}
