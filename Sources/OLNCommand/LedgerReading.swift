import Ledger
import Node

/// The read-only side of the ledger commands: `--dir` and `--json`, and the node's ledger.
struct LedgerReading {
    let directory: NodeDirectory
    let json: Bool

    init(_ parser: inout ArgumentParser, environment: [String: String], topic: String) throws {
        directory = NodeDirectory(path: try parser.takeOption("--dir", topic: topic)
            ?? DataDirectory(environment: environment).path)
        json = parser.takeFlag("--json")
    }

    /// The ledger of the data directory, which must have been set up by `oln init`.
    func ledger() throws -> LedgerDatabase {
        let ledger = try LedgerDatabase(path: directory.chainPath)
        guard ledger.chainID != nil else {
            throw CommandFailure("\(directory.chainPath) holds no chain; run 'oln init' first")
        }
        return ledger
    }
}
