// OLNCommand: the `oln` command line, kept apart from the executable so that tests can run
// every command in-process against a captured console.
//
// Owns: argument parsing, help texts, exit codes, and the commands themselves (each a thin
// layer over the library modules). May import: OpenLoRA, Tokenizers, Tensor, ModelFiles, Node,
// Ledger, Network, P2P, Gossip, IO, Identity, Wire, Sodium, Foundation, Dispatch, Synchronization.
import Foundation

/// Exit codes, following the usual convention: 0 success, 1 failure, 2 bad usage.
public enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 2
}

/// Runs one `oln` invocation.
public enum OLNCommand {
    public static let version = "0.1.0"

    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> ExitCode {
        var parser = ArgumentParser(arguments)
        do {
            return try dispatch(&parser, environment: environment, console: console)
        } catch let error as UsageError {
            console.error("error: \(error.message)")
            console.error("Run 'oln \(error.topic.isEmpty ? "" : error.topic + " ")--help' for usage.")
            return .usage
        } catch {
            console.error("error: \(error)")
            return .failure
        }
    }

    private static func dispatch(
        _ parser: inout ArgumentParser, environment: [String: String], console: Console
    ) throws -> ExitCode {
        guard let command = parser.nextPositional() else {
            if parser.takeFlag("--version", "-V") {
                console.print("oln \(version)")
                return .success
            }
            if parser.takeFlag("--help", "-h") || parser.isEmpty {
                console.print(HelpText.main)
                return .success
            }
            try parser.finish(topic: "")
            return .success
        }
        switch command {
        case "keys":
            return try KeysCommand.run(&parser, environment: environment, console: console)
        case "init":
            return try InitCommand.run(&parser, environment: environment, console: console)
        case "chain":
            return try ChainCommand.run(&parser, environment: environment, console: console)
        case "genesis":
            return try GenesisCommand.run(&parser, environment: environment, console: console)
        case "gossip":
            return try GossipCommand.run(&parser, environment: environment, console: console)
        case "p2p":
            return try P2PCommand.run(&parser, environment: environment, console: console)
        case "model":
            return try ModelCommand.run(&parser, environment: environment, console: console)
        case "run":
            return try RunCommand.run(&parser, environment: environment, console: console)
        case "status":
            return try StatusCommand.run(&parser, environment: environment, console: console)
        case "tx":
            return try TransactionCommand.run(&parser, environment: environment, console: console)
        case "transfer":
            if parser.takeFlag("--help", "-h") { console.print(HelpText.transactionTransfer); return .success }
            return try TransactionCommand.transfer(&parser, environment: environment, console: console)
        case "stake", "unstake":
            return try StakeCommand.run(&parser, unstaking: command == "unstake", environment: environment, console: console)
        case "datanet":
            return try DatanetCommand.run(&parser, environment: environment, console: console)
        case "vote":
            return try CurationCommand.run(&parser, environment: environment, console: console)
        case "gov":
            return try GovernanceCommand.run(&parser, environment: environment, console: console)
        case "join":
            return try JoinCommand.run(&parser, environment: environment, console: console)
        case "infer":
            return try InferCommand.run(&parser, environment: environment, console: console)
        case "train":
            return try TrainCommand.run(&parser, environment: environment, console: console)
        case "account":
            return try AccountQueries.account(&parser, environment: environment, console: console)
        case "receipts":
            return try AccountQueries.receipts(&parser, environment: environment, console: console)
        case "payouts":
            return try AccountQueries.payouts(&parser, environment: environment, console: console)
        case "version":
            try parser.finish(topic: "version")
            console.print("oln \(version)")
            return .success
        case "help":
            let topic = parser.remaining.joined(separator: " ")
            guard let text = HelpText.topic(topic) else {
                throw UsageError("no help for '\(topic)'", topic: "")
            }
            console.print(text)
            return .success
        default:
            throw UsageError("unknown command '\(command)'", topic: "")
        }
    }
}
