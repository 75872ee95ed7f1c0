import Foundation
import Identity
import Ledger
import Node
import Testing
@testable import OLNCommand

/// Faults on chains of `oln run` processes: a node killed with SIGKILL and restarted catches
/// up to the same state root; the current leader killed, the other validators keep finalizing.
@Suite("fault scenarios", .serialized)
struct FaultScenarioTests {
    typealias Chain = LedgerCommandsTests

    @Test("a node killed with SIGKILL and restarted catches up with the same state root",
          .enabled(if: Chain.olnBinary != nil, "oln is not built next to the test bundle: run swift build --build-tests"))
    func killedNodeCatchesUp() throws {
        let validator = try Chain.initialize()
        defer { try? FileManager.default.removeItem(atPath: validator) }
        let chain = try Chain.start(validator)
        defer { chain.terminate(); chain.waitUntilExit() }
        let follower = try Chain.initialize(copyingGenesisOf: validator, roles: [],
                                            options: ["--bootstrap", try Chain.listenAddress(validator)])
        defer { try? FileManager.default.removeItem(atPath: follower) }
        let first = try Chain.start(follower)
        try Chain.waitUntil("the follower reaches height 3") { Self.height(follower) >= 3 }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let missed = Self.height(validator) + 3
        try Chain.waitUntil("the chain moves on without the follower") { Self.height(validator) >= missed }
        let restarted = try Chain.start(follower)
        defer { restarted.terminate(); restarted.waitUntilExit() }
        try Chain.waitUntil("the restarted follower catches up to height \(missed)") { Self.height(follower) >= missed }
        #expect(try Self.root(follower, at: missed) == (try Self.root(validator, at: missed)))
    }

    @Test("with the current leader killed, the other three validators keep finalizing",
          .enabled(if: Chain.olnBinary != nil, "oln is not built next to the test bundle: run swift build --build-tests"))
    func leaderKilled() throws {
        let directories = try Self.validators(count: 4)
        defer { for directory in directories { try? FileManager.default.removeItem(atPath: directory) } }
        var processes: [Process] = []
        defer { for process in processes where process.isRunning { process.terminate(); process.waitUntilExit() } }
        var addresses: [String] = []
        for directory in directories {
            try Self.initialize(directory, genesis: directories[0] + "/genesis-spec.json", bootstrap: addresses)
            processes.append(try Chain.start(directory))
            addresses.append(try Chain.listenAddress(directory))
        }
        try Chain.waitUntil("all four finalize height 3") { directories.allSatisfy { Self.height($0) >= 3 } }
        let leader = try #require(try Chain.json(["status", "--dir", directories[0], "--json"])["leader"] as? String)
        let victim = try #require(try directories.firstIndex {
            try KeyFile.read(from: $0 + "/node.key").accountAddress.description == leader
        })
        kill(processes[victim].processIdentifier, SIGKILL)
        processes[victim].waitUntilExit()
        let survivors = directories.indices.filter { $0 != victim }.map { directories[$0] }
        let before = survivors.map(Self.height).max() ?? 0
        try Chain.waitUntil("the three others finalize 3 more batches") {
            survivors.allSatisfy { Self.height($0) >= before + 3 }
        }
        let height = survivors.map(Self.height).min() ?? 0
        let roots = try Set(survivors.map { try Self.root($0, at: height) })
        #expect(roots.count == 1)
    }

    /// Data directories with keys for `count` validators and a genesis (in the first) that
    /// stakes each as validator and sequencer, with 500 ms slots.
    static func validators(count: Int) throws -> [String] {
        let directories = (0..<count).map { _ in NSTemporaryDirectory() + "oln-fault-\(UUID().uuidString)" }
        var arguments: [String] = []
        for directory in directories {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let key = IdentityKey()
            try KeyFile.write(key, to: directory + "/node.key", overwrite: false)
            arguments += ["--validator", key.accountAddress.description]
        }
        let first = try KeyFile.read(from: directories[0] + "/node.key").accountAddress.description
        let example = CapturedRun(["genesis", "example", "--address", first, "--parameter", "slot_milliseconds=500",
                                   "--chain-id", "79"] + arguments)
        try #require(example.code == .success, "\(example.error)")
        try Data(example.output.utf8).write(to: URL(fileURLWithPath: directories[0] + "/genesis-spec.json"))
        return directories
    }

    static func initialize(_ directory: String, genesis: String, bootstrap: [String]) throws {
        let run = CapturedRun(["init", "--dir", directory, "--genesis", genesis, "--role", "sequencer", "--role", "validator",
                               "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"] + bootstrap.flatMap { ["--bootstrap", $0] })
        try #require(run.code == .success, "\(run.error)")
    }

    static func height(_ directory: String) -> Int {
        ((try? Chain.json(["status", "--dir", directory, "--json"]))?["finalized_height"] as? Int) ?? 0
    }

    static func root(_ directory: String, at height: Int) throws -> [UInt8] {
        try #require(try LedgerDatabase(path: directory + "/chain.sqlite").stateRoot(atHeight: UInt64(height)))
    }
}
