import Foundation
import Identity
import Ledger
import Node
import Sodium
import Wire

/// Validator processes (`oln run`) on loopback for a benchmark: a genesis in which every
/// validator stakes as validator and sequencer and `senderCount` accounts hold 1,000 tokens,
/// data directories made with `oln init`, each node bootstrapping to the others and
/// logging to its folder. Removed at the end unless `keepsFiles`.
final class ProcessCluster: @unchecked Sendable {
    let binary: String
    let root = NSTemporaryDirectory() + "oln-bench-processes-\(UUID().uuidString)"
    let keys: [IdentityKey]
    let senders: [Ed25519PrivateKey]
    let slotMilliseconds: Int
    let chainID: UInt64
    let genesisTime = UInt64(Date().timeIntervalSince1970)
    /// Each node's dialable address, with its peer id.
    private(set) var addresses: [Multiaddr] = []
    var keepsFiles = false
    private var processes: [Process] = []

    init(binary: String, nodeCount: Int, senderCount: Int, slotMilliseconds: Int, chainID: UInt64) {
        self.binary = binary
        keys = (0..<nodeCount).map { _ in IdentityKey() }
        senders = BenchGenesis.senders(count: senderCount, tag: 9)
        self.slotMilliseconds = slotMilliseconds
        self.chainID = chainID
    }

    func directory(_ index: Int) -> NodeDirectory {
        NodeDirectory(path: root + "/node\(index + 1)")
    }

    /// Writes the genesis and the directories, starts every node and waits until finality advances.
    func start() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let genesisPath = root + "/genesis.json"
        try BenchGenesis.spec(validators: keys, senders: senders, chainID: chainID, time: genesisTime,
                              slotMilliseconds: slotMilliseconds).write(to: URL(fileURLWithPath: genesisPath))
        let basePort = 20_000 + Int.random(in: 0..<20_000)
        addresses = try keys.enumerated().map { index, key in
            try Multiaddr("/ip4/127.0.0.1/tcp/\(basePort + index)/p2p/\(key.peerID)")
        }
        for (index, key) in keys.enumerated() {
            let directory = directory(index)
            try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
            try KeyFile.write(key, to: directory.keyPath, overwrite: false)
            let bootstrap = addresses.enumerated().filter { $0.offset != index }.flatMap { ["--bootstrap", $0.element.description] }
            try runToEnd(["init", "--dir", directory.path, "--genesis", genesisPath, "--role", "sequencer", "--role",
                          "validator", "--listen", "/ip4/127.0.0.1/tcp/\(basePort + index)", "--api", "off"] + bootstrap)
        }
        for index in keys.indices { try launch(directory(index)) }
        let deadline = BenchSupport.seconds() + 60
        while (try? NodeStatusReader.status(of: directory(0), now: UInt64(Date().timeIntervalSince1970 * 1_000)))?
            .finalizedHeight ?? 0 < 2 {
            guard BenchSupport.seconds() < deadline else { throw BenchmarkFailure("finality did not advance within 60 s") }
            if let stopped = processes.firstIndex(where: { !$0.isRunning }) {
                throw BenchmarkFailure("node \(stopped + 1) exited; see \(directory(stopped).path)/node.log")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Stops every node (SIGTERM, then SIGKILL after 10 s) and removes the files.
    func stop() {
        for process in processes where process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        while processes.contains(where: \.isRunning), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if !keepsFiles { try? FileManager.default.removeItem(atPath: root) }
    }

    private func runToEnd(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchmarkFailure("oln \(arguments.first ?? "") failed: \(text)")
        }
    }

    private func launch(_ directory: NodeDirectory) throws {
        let log = directory.path + "/node.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--dir", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        processes.append(process)
    }
}
