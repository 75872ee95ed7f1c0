import Foundation
import Ledger
import Node
import Sequencer

/// `oln chain export FILE` and `oln chain import FILE`: the finalized chain as a file.
enum ChainCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["chain", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.chain)
            return .success
        }
        switch subcommand {
        case "export": return try export(&parser, environment: environment, console: console)
        case "import": return try importHistory(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln chain' needs a subcommand: export or import", topic: "chain")
        case let other?: throw UsageError("unknown subcommand 'chain \(other)'", topic: "chain")
        }
    }

    private static func ledger(_ parser: inout ArgumentParser, environment: [String: String], topic: String) throws -> LedgerDatabase {
        try openLedger(in: directory(&parser, environment: environment, topic: topic))
    }

    private static func directory(_ parser: inout ArgumentParser, environment: [String: String],
                                  topic: String) throws -> NodeDirectory {
        NodeDirectory(path: try parser.takeOption("--dir", topic: topic) ?? DataDirectory(environment: environment).path)
    }

    private static func openLedger(in directory: NodeDirectory) throws -> LedgerDatabase {
        let path = directory.chainPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path) does not exist; run 'oln init --dir \(directory.path) --genesis FILE' first")
        }
        let ledger = try LedgerDatabase(path: path)
        guard ledger.isInitialized else { throw LedgerError.notInitialized }
        return ledger
    }

    private static func export(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "chain export"
        let ledger = try ledger(&parser, environment: environment, topic: topic)
        let from = try parser.takeOption("--from", topic: topic).map { text -> UInt64 in
            guard let height = UInt64(text), height >= 1 else { throw UsageError("--from must be a height ≥ 1", topic: topic) }
            return height
        } ?? 1
        guard let path = parser.nextPositional() else { throw UsageError("the output FILE is missing", topic: topic) }
        try parser.finish(topic: topic)
        let count = try ChainHistoryExport.write(ledger, to: path, from: from)
        console.print("wrote \(count) finalized batches (heights \(from)…\(ledger.height)) to \(path)")
        return .success
    }

    private static func importHistory(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "chain import"
        let directory = try directory(&parser, environment: environment, topic: topic)
        // The import writes the ledger: not while a node runs on the directory.
        let lock = try DirectoryLock(directory: directory)
        defer { lock.release() }
        let ledger = try openLedger(in: directory)
        guard let path = parser.nextPositional() else { throw UsageError("the history FILE is missing", topic: topic) }
        try parser.finish(topic: topic)
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        let outcome = try ChainHistoryReplay.replay(Array(data), into: ledger) { height in
            if height % 1_000 == 0 { console.error("imported up to height \(height)") }
        }
        console.print("applied \(outcome.applied) batches, \(outcome.alreadyHeld) already held; "
                      + "height \(ledger.height), state root \(ledger.stateRoot.map { String(format: "%02x", $0) }.joined())")
        return .success
    }
}
