import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import Wire

extension GossipCommand {
    static func publish(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topicName = "gossip pub"
        let topic = try requiredTopic(&parser, topic: topicName)
        guard let hex = try parser.takeOption("--data-hex", topic: topicName) else {
            throw UsageError("--data-hex is required", topic: topicName)
        }
        let data: [UInt8]
        do {
            data = try Base16.decode(hex, byteCountMax: GossipTopicOptions.standard.dataByteCountMax)
        } catch {
            throw UsageError("--data-hex: \(error)", topic: topicName)
        }
        let peers = try peers(&parser, topic: topicName)
        guard !peers.isEmpty else { throw UsageError("give at least one --peer MULTIADDR", topic: topicName) }
        let timeout = try P2PCommand.seconds(try parser.takeOption("--timeout", topic: topicName), option: "--timeout", topic: topicName) ?? 15
        let identity = try P2PCommand.identity(&parser, topic: topicName, environment: environment, console: console)
        try parser.finish(topic: topicName)

        let session = try P2PSession(identity: identity, withGossip: true)
        let gossip = session.gossip!
        let outcome = PublishOutcome()
        try session.onLoop { () throws(NetworkError) in
            for peer in peers { try gossip.node.dial(peer) }
            // Publish once a peer is known to be subscribed (mesh or fanout can take it).
            session.loop.scheduleTimer(after: .milliseconds(50), repeating: .milliseconds(50)) {
                guard !outcome.isDone, !gossip.router.peers(subscribedTo: topic).isEmpty else { return }
                do {
                    let (id, peerCount) = try gossip.publish(data, topic: topic)
                    outcome.finish(peerCount > 0 ? .sent(id, peerCount) : .failed("no peer took the message"))
                } catch {
                    outcome.finish(.failed("\(error)"))
                }
                // Give the sockets a moment to flush before the session closes them.
                session.loop.scheduleTimer(after: .milliseconds(200)) { session.stop() }
            }
        }
        session.waitForStop(after: timeout)
        switch outcome.result {
        case .sent(let id, let peerCount)?:
            console.print("published \(id) on \(topic) to \(peerCount) peer\(peerCount == 1 ? "" : "s")")
            return .success
        case .failed(let reason)?:
            console.error("error: \(reason)")
            return .failure
        case nil:
            console.error("error: no peer subscribed to \(topic) within \(timeout) s")
            return .failure
        }
    }
}

/// What `oln gossip pub` achieved, set on the loop thread.
final class PublishOutcome: @unchecked Sendable {
    enum Result {
        case sent(GossipMessageID, Int)
        case failed(String)
    }

    private(set) var result: Result?

    var isDone: Bool { result != nil }

    func finish(_ result: Result) {
        self.result = result
    }
}
