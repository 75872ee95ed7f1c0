import Foundation
import IO
import Identity
import Network
import P2P
import Wire

/// `oln p2p listen` and `oln p2p ping`: how an operator checks that two machines can talk.
enum P2PCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["p2p", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.p2p)
            return .success
        }
        switch subcommand {
        case "listen":
            return try listen(&parser, environment: environment, console: console)
        case "ping":
            return try ping(&parser, environment: environment, console: console)
        case nil:
            throw UsageError("'oln p2p' needs a subcommand: listen or ping", topic: "p2p")
        case let other?:
            throw UsageError("unknown subcommand 'p2p \(other)'", topic: "p2p")
        }
    }

    /// The node key: `--key FILE`, else the data directory's key, else a fresh one for this run.
    static func identity(_ parser: inout ArgumentParser, topic: String, environment: [String: String], console: Console) throws -> IdentityKey {
        if let path = try parser.takeOption("--key", topic: topic) {
            return try KeyFile.read(from: path)
        }
        let path = DataDirectory(environment: environment).keyFilePath
        if FileManager.default.fileExists(atPath: path) {
            return try KeyFile.read(from: path)
        }
        console.error("no key at \(path); using a temporary identity for this run (create one with: oln keys generate)")
        return IdentityKey()
    }

    static func seconds(_ text: String?, option: String, topic: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text), value > 0, value.isFinite else {
            throw UsageError("\(option) needs a positive number of seconds, not '\(text)'", topic: topic)
        }
        return value
    }

    static func listen(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "p2p listen"
        let listenText = try parser.takeOption("--listen", topic: topic) ?? "/ip4/0.0.0.0/tcp/4001"
        let duration = try seconds(try parser.takeOption("--duration", topic: topic), option: "--duration", topic: topic)
        let identity = try identity(&parser, topic: topic, environment: environment, console: console)
        try parser.finish(topic: topic)
        let address: Multiaddr
        do {
            address = try Multiaddr(listenText)
        } catch {
            throw UsageError("--listen: \(error)", topic: topic)
        }
        let session = try P2PSession(identity: identity)
        session.node.onEvent = { event in EventPrinter.print(event, console: console) }
        let dialable = try session.onLoop { () throws(NetworkError) -> [Multiaddr] in
            try session.node.listen(on: address)
            return session.node.dialableAddresses
        }
        for address in dialable { console.print("listening on \(address)") }
        session.waitForStop(after: duration)
        return .success
    }
}
