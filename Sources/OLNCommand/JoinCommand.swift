import Foundation
import Ledger
import Node

/// `oln join DESCRIPTOR [init options]`: sets up a data directory for a published testnet
/// from its descriptor (Testnet/public/README.md): the genesis spec inline, its hash to
/// check, and bootstrap addresses. `oln run` then catches up over `/oln/sync/1`.
enum JoinCommand {
    /// The largest descriptor read.
    static let byteCountMax = 4 << 20

    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "join"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.join)
            return .success
        }
        var rest = ArgumentParser(parser.remaining)
        parser = ArgumentParser([])
        guard let path = rest.nextPositional() else { throw UsageError("DESCRIPTOR (a testnet descriptor file) is required", topic: topic) }
        let descriptor = try read(path)
        let genesisFile = FileManager.default.temporaryDirectory.appendingPathComponent("oln-join-\(UUID().uuidString).json")
        try descriptor.genesis.write(to: genesisFile)
        defer { try? FileManager.default.removeItem(at: genesisFile) }
        var arguments = rest.remaining + ["--genesis", genesisFile.path]
        if !rest.remaining.contains("--listen") { arguments += ["--listen", "/ip4/0.0.0.0/tcp/4001"] }
        for address in descriptor.bootstrap { arguments += ["--bootstrap", address] }
        console.print("joining \(descriptor.name) (chain \(descriptor.chainID), genesis \(descriptor.genesisHash))")
        var initialization = ArgumentParser(arguments)
        return try InitCommand.run(&initialization, environment: environment, console: console)
    }

    struct Descriptor {
        let name: String
        let chainID: UInt64
        let genesisHash: String
        let genesis: Data
        let bootstrap: [String]
    }

    /// The descriptor at `path`, its genesis checked against its chain id and hash.
    static func read(_ path: String) throws -> Descriptor {
        guard let data = FileManager.default.contents(atPath: path), data.count <= byteCountMax else {
            throw CommandFailure("cannot read the descriptor \(path) (at most \(byteCountMax) bytes)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = object["name"] as? String, let chainID = (object["chain_id"] as? NSNumber)?.uint64Value,
              let hash = object["genesis_hash"] as? String, let spec = object["genesis"] as? [String: Any],
              let bootstrap = object["bootstrap"] as? [String], !bootstrap.isEmpty else {
            throw CommandFailure("\(path) is not a testnet descriptor: it needs name, chain_id, genesis_hash, genesis "
                                 + "and a non-empty bootstrap list (Testnet/public/README.md)")
        }
        let genesisBytes = try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys])
        let genesis = try Genesis(spec: GenesisSpec.decode(genesisBytes))
        guard genesis.chainID == chainID else {
            throw CommandFailure("the descriptor says chain \(chainID) but its genesis is for chain \(genesis.chainID)")
        }
        let actual = genesis.hash.map { String(format: "%02x", $0) }.joined()
        guard actual == hash.lowercased() else {
            throw CommandFailure("the descriptor's genesis hashes to \(actual), not the \(hash) it promises; do not join")
        }
        return Descriptor(name: name, chainID: chainID, genesisHash: actual, genesis: genesisBytes, bootstrap: bootstrap)
    }
}
