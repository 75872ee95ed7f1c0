import Foundation
import Gossip
import IO
import Identity
import Network
import P2P
import Wire

/// `oln gossip sub` and `oln gossip pub`: watch and publish on a gossipsub topic.
enum GossipCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["gossip", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.gossip)
            return .success
        }
        switch subcommand {
        case "sub":
            return try subscribe(&parser, environment: environment, console: console)
        case "pub":
            return try publish(&parser, environment: environment, console: console)
        case nil:
            throw UsageError("'oln gossip' needs a subcommand: sub or pub", topic: "gossip")
        case let other?:
            throw UsageError("unknown subcommand 'gossip \(other)'", topic: "gossip")
        }
    }

    /// The repeated `--peer MULTIADDR` options.
    static func peers(_ parser: inout ArgumentParser, topic: String) throws -> [Multiaddr] {
        var peers: [Multiaddr] = []
        while let text = try parser.takeOption("--peer", topic: topic) {
            do {
                peers.append(try Multiaddr(text))
            } catch {
                throw UsageError("--peer \(text): \(error)", topic: topic)
            }
        }
        return peers
    }

    static func requiredTopic(_ parser: inout ArgumentParser, topic: String) throws -> String {
        guard let name = try parser.takeOption("--topic", topic: topic) else {
            throw UsageError("--topic is required", topic: topic)
        }
        return name
    }

    /// One delivered message as the JSON line `{"topic","from","seqno","data_hex"}`.
    static func jsonLine(_ message: GossipMessage) -> String {
        let from = message.from.flatMap { try? PeerID(bytes: $0) }?.description ?? ""
        let seqno = message.seqno.map { Base16.encode($0) } ?? ""
        let fields: [String: String] = [
            "topic": message.topic, "from": from, "seqno": seqno, "data_hex": Base16.encode(message.data ?? []),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
