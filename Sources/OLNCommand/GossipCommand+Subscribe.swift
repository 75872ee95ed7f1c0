import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import Wire

extension GossipCommand {
    static func subscribe(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topicName = "gossip sub"
        let topic = try requiredTopic(&parser, topic: topicName)
        let peers = try peers(&parser, topic: topicName)
        let listenText = try parser.takeOption("--listen", topic: topicName)
        let countText = try parser.takeOption("--count", topic: topicName)
        let count = try countText.map { text -> Int in
            guard let value = Int(text), value > 0 else {
                throw UsageError("--count needs a positive whole number, not '\(text)'", topic: topicName)
            }
            return value
        }
        let identity = try P2PCommand.identity(&parser, topic: topicName, environment: environment, console: console)
        try parser.finish(topic: topicName)
        let listen = try listenText.map { text -> Multiaddr in
            do { return try Multiaddr(text) } catch { throw UsageError("--listen: \(error)", topic: topicName) }
        }
        guard !peers.isEmpty || listen != nil else {
            throw UsageError("give --peer MULTIADDR to connect to, or --listen MULTIADDR to be reached", topic: topicName)
        }
        let session = try P2PSession(identity: identity, withGossip: true)
        let gossip = session.gossip!
        var delivered = 0
        gossip.onMessage = { message, _ in
            guard message.topic == topic else { return }
            console.print(jsonLine(message))
            delivered += 1
            if let count, delivered >= count { session.stop() }
        }
        gossip.onHostEvent = { event in
            if case .disconnected(_, let peer?, let reason) = event { console.error("disconnected \(peer): \(reason)") }
        }
        let addresses = try session.onLoop { () throws(NetworkError) -> [Multiaddr] in
            gossip.subscribe(topic)
            if let listen { try gossip.node.listen(on: listen) }
            for peer in peers { try gossip.node.dial(peer) }
            return gossip.node.dialableAddresses
        }
        for address in addresses { console.error("listening on \(address)") }
        session.waitForStop(after: nil)
        return .success
    }
}
