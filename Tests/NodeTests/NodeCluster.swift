import Foundation
import Identity
import Ledger
import Sequencer
import Sodium
@testable import Node

/// Node data directories on one genesis, for runtimes in one test process on loopback:
/// `validatorCount` validators (stake 20,000 each as validator and sequencer), a client
/// account with 1,000 tokens, fast slots.
final class NodeCluster: @unchecked Sendable {
    static let chainID: UInt64 = 4_242
    let root: String
    let validatorKeys: [IdentityKey]
    let client = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x5c, count: 32))
    let genesisSpec: Data
    let genesisTime: UInt64
    private(set) var runtimes: [NodeRuntime] = []

    var clientAddress: AccountAddress { AccountAddress(publicKey: client.publicKey) }

    /// Funded accounts besides the client (for load), each with 1,000 tokens.
    let senders: [Ed25519PrivateKey]

    /// `parameters`: governed parameters besides the slot length, by name.
    init(validatorCount: Int, slotMilliseconds: Int, senderCount: Int = 0, parameters: [String: String] = [:]) throws {
        root = NSTemporaryDirectory() + "oln-cluster-\(UUID().uuidString)"
        validatorKeys = (0..<validatorCount).map { _ in IdentityKey() }
        senders = (0..<senderCount).map { index in
            try! Ed25519PrivateKey(seed: [UInt8](repeating: 0, count: 28) + withUnsafeBytes(of: UInt32(index).bigEndian, Array.init))
        }
        genesisTime = UInt64(Date().timeIntervalSince1970)
        let funded = validatorKeys.map(\.accountAddress) + [AccountAddress(publicKey: client.publicKey)]
            + senders.map { AccountAddress(publicKey: $0.publicKey) }
        let accounts = funded.map { GenesisSpec.Account(address: $0.description, balance: "1000") }
        let stakes = validatorKeys.flatMap { key in
            ["validator", "sequencer"].map { GenesisSpec.StakeEntry(address: key.accountAddress.description, role: $0, amount: "20000") }
        }
        let placed = funded.count * 1_000 + validatorCount * 2 * 20_000
        let spec = GenesisSpec(chainID: Self.chainID, genesisTime: genesisTime, accounts: accounts, allocations: [],
                               stakes: stakes, treasury: "\(1_000_000_000 - placed)",
                               parameters: parameters.merging(["slot_milliseconds": "\(slotMilliseconds)"]) { $1 })
        genesisSpec = try JSONEncoder().encode(spec)
    }

    deinit {
        for runtime in runtimes { runtime.stop() }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A data directory for validator `index` (nil: a fresh relay-only node with a new key).
    func directory(_ name: String, key: IdentityKey?, bootstrap: [String], roles: [NodeRole]? = nil) throws -> NodeDirectory {
        let directory = NodeDirectory(path: (root as NSString).appendingPathComponent(name))
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        if let key, !FileManager.default.fileExists(atPath: directory.keyPath) {
            try KeyFile.write(key, to: directory.keyPath, overwrite: false)
        }
        let roles: [NodeRole] = roles ?? (key == nil ? [.relay] : [.relay, .sequencer, .validator])
        let configuration = NodeConfiguration(listen: ["/ip4/127.0.0.1/tcp/0"], bootstrap: bootstrap, roles: roles)
        _ = try directory.initialize(genesisSpec: genesisSpec, configuration: configuration, overwritingConfiguration: true)
        return directory
    }

    /// Starts a runtime on `directory`; returns it and its dialable address.
    func start(_ directory: NodeDirectory) throws -> (NodeRuntime, String) {
        let runtime = try NodeRuntime(directory: directory, options: .init(log: Self.log(directory)))
        let addresses = try runtime.start()
        runtimes.append(runtime)
        return (runtime, addresses.first!.description)
    }

    /// Starts every validator, each bootstrapping to those started before it.
    func startValidators() throws -> [NodeRuntime] {
        var addresses: [String] = []
        var started: [NodeRuntime] = []
        for (index, key) in validatorKeys.enumerated() {
            let (runtime, address) = try start(try directory("node\(index + 1)", key: key, bootstrap: addresses))
            addresses.append(address)
            started.append(runtime)
        }
        return started
    }

    /// Log lines go to standard error when OLN_NODE_TEST_LOG is set.
    static func log(_ directory: NodeDirectory) -> NodeLog {
        guard ProcessInfo.processInfo.environment["OLN_NODE_TEST_LOG"] != nil else { return .silent }
        let name = (directory.path as NSString).lastPathComponent
        return NodeLog(level: .debug, sink: { FileHandle.standardError.write(Data("[\(name)] \($0)\n".utf8)) })
    }

    /// A transfer from the client, paying the least fee.
    func transfer(nonce: UInt64, to address: AccountAddress, tokens: UInt64) -> SignedTransaction {
        TransactionBuilder.signed(.transfer(Transfer(to: address, amount: Token.tokens(tokens))), nonce: nonce, fee: nil,
                                  expiry: genesisTime + 3_600, parameters: .defaults, chainID: Self.chainID, key: client)
    }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }
}
