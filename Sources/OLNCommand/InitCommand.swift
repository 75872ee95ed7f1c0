import Foundation
import Identity
import Ledger
import Node

/// `oln init --dir DIR --genesis FILE …`: sets up a node's data directory.
enum InitCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "init"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.initialize)
            return .success
        }
        let directory = try parser.takeOption("--dir", topic: topic) ?? DataDirectory(environment: environment).path
        guard let genesisPath = try parser.takeOption("--genesis", topic: topic) else {
            throw UsageError("--genesis FILE is required (make one with 'oln genesis example')", topic: topic)
        }
        var listen: [String] = []
        while let address = try parser.takeOption("--listen", topic: topic) { listen.append(address) }
        var bootstrap: [String] = []
        while let address = try parser.takeOption("--bootstrap", topic: topic) { bootstrap.append(address) }
        var roles: [NodeRole] = [.relay]
        while let name = try parser.takeOption("--role", topic: topic) {
            guard let role = NodeRole(rawValue: name) else {
                throw UsageError("--role must be relay, sequencer, validator, curator or host", topic: topic)
            }
            if !roles.contains(role) { roles.append(role) }
        }
        let host = try hostSettings(&parser, roles: roles, topic: topic)
        let api = try parser.takeOption("--api", topic: topic) ?? APIEndpoint.standard.description
        do {
            _ = try APIEndpoint.parse(api)
        } catch {
            throw UsageError("--api must be HOST:PORT (port 0: any free port) or off, not '\(api)'", topic: topic)
        }
        let audit = try parser.takeOption("--audit-model", topic: topic)
            .map { AuditSettings(model: ($0 as NSString).expandingTildeInPath) }
        let autoCurate = parser.takeFlag("--auto-curate")
        guard !autoCurate || roles.contains(.curator) else {
            throw UsageError("--auto-curate belongs to the curator role (--role curator)", topic: topic)
        }
        let force = parser.takeFlag("--force")
        let json = parser.takeFlag("--json")
        try parser.finish(topic: topic)
        guard let spec = FileManager.default.contents(atPath: genesisPath) else {
            throw CommandFailure("cannot read the genesis spec \(genesisPath)")
        }
        let configuration = NodeConfiguration(listen: listen.isEmpty ? [NodeConfiguration.defaultListen] : listen,
                                              bootstrap: bootstrap, roles: roles.sorted(), host: host,
                                              autoCurate: autoCurate, audit: audit, api: api)
        let summary = try NodeDirectory(path: directory).initialize(
            genesisSpec: spec, configuration: configuration, overwritingConfiguration: force)
        report(summary, directory: directory, json: json, console: console)
        return .success
    }

    /// `--model FILE [--price TOKENS]`: the host section, with the host role.
    private static func hostSettings(_ parser: inout ArgumentParser, roles: [NodeRole], topic: String) throws -> HostSettings? {
        let model = try parser.takeOption("--model", topic: topic)
        let price = try parser.takeOption("--price", topic: topic)
        guard roles.contains(.host) else {
            guard model == nil, price == nil else {
                throw UsageError("--model and --price belong to the host role (--role host)", topic: topic)
            }
            return nil
        }
        guard let model else { throw UsageError("the host role needs --model FILE (the base model it serves)", topic: topic) }
        var settings = HostSettings(model: (model as NSString).expandingTildeInPath)
        if let price {
            _ = try TransactionSubmission.tokens(price, option: "--price", topic: topic)
            settings.pricePerThousandTokens = price
        }
        return settings
    }

    private static func report(_ summary: NodeDirectory.Summary, directory: String, json: Bool, console: Console) {
        let hash = summary.genesis.hash.map { String(format: "%02x", $0) }.joined()
        if json {
            let object: [String: Any] = [
                "dir": directory, "peer_id": summary.key.peerID.description,
                "address": summary.key.accountAddress.description, "chain_id": summary.genesis.chainID,
                "genesis_hash": hash, "roles": summary.configuration.roles.map(\.rawValue),
                "listen": summary.configuration.listen,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            console.print(String(decoding: data, as: UTF8.self))
            return
        }
        console.print("data dir:      \(directory)")
        console.print("peer id:       \(summary.key.peerID)\(summary.keyCreated ? " (new key)" : "")")
        console.print("address:       \(summary.key.accountAddress)")
        console.print("chain id:      \(summary.genesis.chainID)")
        console.print("genesis hash:  \(hash)")
        console.print("roles:         \(summary.configuration.roles.map(\.rawValue).joined(separator: ", "))")
        console.print("listen:        \(summary.configuration.listen.joined(separator: " "))")
    }
}
