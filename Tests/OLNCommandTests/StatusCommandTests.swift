import Foundation
import Identity
import Ledger
import Node
import Testing
@testable import OLNCommand

@Suite("oln status")
struct StatusCommandTests {
    /// A directory made by `oln init` with a one-validator genesis of 500 ms slots.
    static func initialized() throws -> String {
        let path = NSTemporaryDirectory() + "oln-status-cmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let key = IdentityKey()
        try KeyFile.write(key, to: path + "/node.key", overwrite: false)
        let address = key.accountAddress.description
        let example = CapturedRun(["genesis", "example", "--address", address, "--validator", address,
                                   "--parameter", "slot_milliseconds=500", "--chain-id", "77",
                                   "--time", "\(Int(Date().timeIntervalSince1970) - 100)"])
        #expect(example.code == .success, "\(example.error)")
        try Data(example.output.utf8).write(to: URL(fileURLWithPath: path + "/genesis.json"))
        let initialized = CapturedRun(["init", "--dir", path, "--genesis", path + "/genesis.json", "--role", "validator",
                                       "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
        #expect(initialized.code == .success, "\(initialized.error)")
        return path
    }

    @Test("--json without a running node: every key, heights 0, peers and mempool 0, not running")
    func jsonNotRunning() throws {
        let path = try Self.initialized()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CapturedRun(["status", "--dir", path, "--json"])
        #expect(run.code == .success, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        for key in ["head_height", "finalized_height", "slot", "leader", "peers", "mempool"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["head_height"] as? Int == 0 && object["finalized_height"] as? Int == 0)
        #expect(object["peers"] as? Int == 0 && object["mempool"] as? Int == 0)
        #expect(object["running"] as? Bool == false)
        #expect(object["chain_id"] as? Int == 77)
        let leader = try #require(object["leader"] as? String)
        #expect(leader == (try KeyFile.read(from: path + "/node.key")).accountAddress.description)
        #expect((object["slot"] as? Int ?? 0) >= 200, "100 s after genesis at 500 ms slots")
    }

    @Test("text output says the node is not running; with a live status.json it shows its peers")
    func text() throws {
        let path = try Self.initialized()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let idle = CapturedRun(["status", "--dir", path])
        #expect(idle.code == .success)
        #expect(idle.output.contains("not running (peers and mempool are 0)"))
        #expect(idle.output.contains("head height:   0"))
        let now = UInt64(Date().timeIntervalSince1970 * 1_000)
        let written = NodeStatus(headHeight: 0, finalizedHeight: 0, slot: 0, leader: "", peers: 3, mempool: 2, running: true,
                                 syncing: false, chainID: 77, peerID: "", listen: ["/ip4/127.0.0.1/tcp/4101"],
                                 processID: getpid(), updatedAtMilliseconds: now)
        try Data(written.json.utf8).write(to: URL(fileURLWithPath: path + "/status.json"))
        let live = CapturedRun(["status", "--dir", path])
        #expect(live.output.contains("running (pid \(getpid()))"))
        #expect(live.output.contains("peers:         3"))
        #expect(live.output.contains("mempool:       2"))
    }

    @Test("a directory without a node fails and says to run oln init")
    func missing() {
        let run = CapturedRun(["status", "--dir", NSTemporaryDirectory() + "oln-none-\(UUID().uuidString)"])
        #expect(run.code == .failure)
        #expect(run.error.contains("oln init"))
    }

    @Test("usage errors", arguments: [["status", "--bogus"], ["status", "--dir"], ["status", "extra"]])
    func usage(arguments: [String]) {
        #expect(CapturedRun(arguments).code == .usage)
    }
}
