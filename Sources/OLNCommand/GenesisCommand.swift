import Foundation
import Ledger

/// `oln genesis example`, `oln genesis check` and `oln genesis init`.
enum GenesisCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["genesis", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.genesis)
            return .success
        }
        switch subcommand {
        case "example": return try example(&parser, console: console)
        case "check": return try check(&parser, console: console)
        case "init": return try initialize(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln genesis' needs a subcommand: example, check or init", topic: "genesis")
        case let other?: throw UsageError("unknown subcommand 'genesis \(other)'", topic: "genesis")
        }
    }

    private static func example(_ parser: inout ArgumentParser, console: Console) throws -> ExitCode {
        let topic = "genesis example"
        guard let address = try parser.takeOption("--address", topic: topic) else {
            throw UsageError("--address ADDRESS is required (see 'oln keys show')", topic: topic)
        }
        let chainID = try integer(parser.takeOption("--chain-id", topic: topic), default: 161_201, name: "--chain-id", topic: topic)
        let now = UInt64(Date().timeIntervalSince1970)
        let time = try integer(parser.takeOption("--time", topic: topic), default: now, name: "--time", topic: topic)
        var validators: [String] = []
        while let validator = try parser.takeOption("--validator", topic: topic) {
            validators.append(try normalized(validator, option: "--validator", topic: topic))
        }
        var parameters: [String: String] = [:]
        while let assignment = try parser.takeOption("--parameter", topic: topic) {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--parameter takes NAME=VALUE, e.g. slot_milliseconds=1000", topic: topic)
            }
            parameters[parts[0]] = parts[1]
        }
        try parser.finish(topic: topic)
        let owner = try normalized(address, option: "--address", topic: topic)
        guard Set(validators).count == validators.count, validators.count <= GenesisSpec.testnetValidatorCountMax else {
            throw UsageError("--validator takes up to \(GenesisSpec.testnetValidatorCountMax) distinct addresses", topic: topic)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let spec = GenesisSpec.scheduleShaped(chainID: chainID, genesisTime: time, address: owner,
                                              validators: validators.isEmpty ? [owner] : validators,
                                              parameters: parameters.isEmpty ? nil : parameters)
        _ = try Genesis(spec: spec)
        console.print(String(decoding: try encoder.encode(spec), as: UTF8.self))
        return .success
    }

    /// An account address in its canonical text, or a usage error naming the option.
    private static func normalized(_ text: String, option: String, topic: String) throws -> String {
        do {
            return try AccountAddress(text).description
        } catch {
            throw UsageError("\(option): \(error)", topic: topic)
        }
    }

    private static func check(_ parser: inout ArgumentParser, console: Console) throws -> ExitCode {
        let topic = "genesis check"
        let json = parser.takeFlag("--json")
        guard let path = parser.nextPositional() else { throw UsageError("the spec file is missing", topic: topic) }
        try parser.finish(topic: topic)
        let genesis = try load(path)
        let ledger = try LedgerDatabase(path: ":memory:")
        try ledger.initialize(with: genesis)
        report(genesis, root: ledger.stateRoot, database: nil, json: json, console: console)
        return .success
    }

    private static func initialize(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "genesis init"
        let json = parser.takeFlag("--json")
        let databaseOption = try parser.takeOption("--db", topic: topic)
        guard let path = parser.nextPositional() else { throw UsageError("the spec file is missing", topic: topic) }
        try parser.finish(topic: topic)
        let genesis = try load(path)
        let databasePath: String
        if let databaseOption {
            databasePath = databaseOption
        } else {
            let directory = DataDirectory(environment: environment)
            try directory.create()
            databasePath = directory.chainDatabasePath
        }
        let ledger = try LedgerDatabase(path: databasePath)
        try ledger.initialize(with: genesis)
        report(genesis, root: try ledger.stateRoot(atHeight: 0) ?? ledger.stateRoot, database: databasePath,
               json: json, console: console)
        return .success
    }

    private static func load(_ path: String) throws -> Genesis {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the genesis spec \(path)")
        }
        return try Genesis(spec: GenesisSpec.decode(data))
    }

    private static func report(_ genesis: Genesis, root: [UInt8], database: String?, json: Bool, console: Console) {
        let hash = hex(genesis.hash)
        if json {
            var fields = ["\"chain_id\":\(genesis.chainID)", "\"genesis_hash\":\"\(hash)\"",
                          "\"genesis_time\":\(genesis.time)", "\"state_root\":\"\(hex(root))\""]
            if let database { fields.append("\"database\":\"\(database)\"") }
            console.print("{\(fields.joined(separator: ","))}")
            return
        }
        console.print("chain id:      \(genesis.chainID)")
        console.print("genesis time:  \(genesis.time)")
        console.print("genesis hash:  \(hash)")
        console.print("state root:    \(hex(root))")
        let balances = genesis.balances.reduce(Amount(0)) { $0 + $1.amount }
        let stakes = genesis.stakes.reduce(Amount(0)) { $0 + $1.amount }
        console.print("balances:      \(TokenAmountText.format(balances)) tokens (\(count(genesis.balances.count, "account")))")
        for allocation in genesis.allocations {
            let vesting = allocation.vesting
            console.print("allocation:    \(allocation.name) \(TokenAmountText.format(vesting.total)) tokens, "
                          + "\(TokenAmountText.format(vesting.unlockedAtStart)) at start, cliff \(vesting.cliffSeconds) s, "
                          + "vesting \(vesting.durationSeconds) s")
        }
        console.print("stakes:        \(TokenAmountText.format(stakes)) tokens (\(count(genesis.stakes.count, "stake")))")
        console.print("treasury:      \(TokenAmountText.format(genesis.treasury)) tokens")
        if let database { console.print("database:      \(database)") }
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func integer(_ text: String?, default value: UInt64, name: String, topic: String) throws -> UInt64 {
        guard let text else { return value }
        guard let parsed = UInt64(text) else { throw UsageError("\(name) must be a non-negative integer", topic: topic) }
        return parsed
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
