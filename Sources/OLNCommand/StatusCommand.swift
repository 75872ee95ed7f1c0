import Foundation
import Node

/// `oln status [--dir DIR] [--json]`: where the node of a data directory stands, running
/// or not.
enum StatusCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "status"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.status)
            return .success
        }
        let path = try parser.takeOption("--dir", topic: topic) ?? DataDirectory(environment: environment).path
        let json = parser.takeFlag("--json")
        try parser.finish(topic: topic)
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1_000))
        let status = try NodeStatusReader.status(of: NodeDirectory(path: path), now: now)
        if json {
            console.print(status.json)
        } else {
            for line in lines(status) { console.print(line) }
        }
        return .success
    }

    /// The status as aligned text lines.
    static func lines(_ status: NodeStatus) -> [String] {
        let state = status.running
            ? "running (pid \(status.processID.map(String.init) ?? "?"))\(status.syncing ? ", catching up" : "")"
            : "not running (peers and mempool are 0)"
        var lines = [
            "node:          \(state)",
            "chain id:      \(status.chainID)",
            "peer id:       \(status.peerID)",
            "head height:   \(status.headHeight)",
            "finalized:     \(status.finalizedHeight)",
            "slot:          \(status.slot)",
            "leader:        \(status.leader)",
            "peers:         \(status.peers)",
            "mempool:       \(status.mempool)",
        ]
        for address in status.listen { lines.append("listen:        \(address)") }
        if let api = status.api { lines.append("api:           \(api)") }
        if let adapters = status.hostedAdapters {
            lines.append("requests:      \(status.servedRequests ?? 0) served")
            lines.append("receipts:      \(status.receipts ?? 0) issued")
            for adapter in adapters { lines.append("adapter:       \(adapter)") }
        }
        return lines
    }
}
