import Foundation
import Identity
import Ledger
import Node
import Sodium
import Tokenizers

/// Two validators' data directories on one genesis (20,000 tokens of validator and of
/// sequencer stake each, so either's vote is half the validator stake and reaches the
/// challenge quorum), runtimes in the test process on loopback, and the accounts a receipt
/// needs: a host (1,000 tokens of host stake), a client, a contributor and a curator
/// (200 tokens of curator stake). Fast slots; datanet windows of a second or two.
final class AuditTestChain: @unchecked Sendable {
    static let chainID: UInt64 = 4_545
    let root: String
    let validatorKeys = [IdentityKey(), IdentityKey()]
    let host = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x48, count: 32))
    let client = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x43, count: 32))
    let contributor = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x6d, count: 32))
    let curator = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x4b, count: 32))
    let genesisTime = UInt64(Date().timeIntervalSince1970)
    private(set) var runtimes: [NodeRuntime] = []

    static func address(_ key: Ed25519PrivateKey) -> AccountAddress { AccountAddress(publicKey: key.publicKey) }

    /// The SmolLM2 test tokenizer from TokenizersTests' fixtures.
    static let tokenizer: Tokenizer = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TokenizersTests/Fixtures").path + "/"
        do {
            return try Tokenizer(tokenizerJSONAt: folder + "smollm2.tokenizer.json",
                                 configurationAt: folder + "smollm2.tokenizer_config.json")
        } catch {
            preconditionFailure("cannot load the SmolLM2 test tokenizer: \(error)")  // a broken fixture is a test bug
        }
    }()

    init() {
        root = NSTemporaryDirectory() + "oln-audit-\(UUID().uuidString)"
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes the directories and starts both validators, the second dialling the first.
    func start() throws -> [NodeRuntime] {
        let spec = try JSONEncoder().encode(genesisSpec())
        var bootstrap: [String] = []
        for (index, key) in validatorKeys.enumerated() {
            let directory = NodeDirectory(path: (root as NSString).appendingPathComponent("validator\(index + 1)"))
            try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
            try KeyFile.write(key, to: directory.keyPath, overwrite: false)
            let configuration = NodeConfiguration(listen: ["/ip4/127.0.0.1/tcp/0"], bootstrap: bootstrap,
                                                  roles: [.relay, .sequencer, .validator])
            _ = try directory.initialize(genesisSpec: spec, configuration: configuration, overwritingConfiguration: true)
            let runtime = try NodeRuntime(directory: directory, options: .init(log: Self.log("validator\(index + 1)")))
            let addresses = try runtime.start()
            bootstrap.append(addresses.first!.description)
            runtimes.append(runtime)
        }
        return runtimes
    }

    func stop() {
        for runtime in runtimes {
            runtime.stop()
            runtime.waitUntilStopped()
        }
    }

    private func genesisSpec() -> GenesisSpec {
        let validators = validatorKeys.map(\.accountAddress.description)
        let others = [host, client, contributor, curator].map { Self.address($0).description }
        let accounts = (validators + others).map { GenesisSpec.Account(address: $0, balance: "1000") }
        let stakes = validators.flatMap { address in
            ["validator", "sequencer"].map { GenesisSpec.StakeEntry(address: address, role: $0, amount: "20000") }
        } + [GenesisSpec.StakeEntry(address: Self.address(host).description, role: "host", amount: "1000"),
             GenesisSpec.StakeEntry(address: Self.address(curator).description, role: "curator", amount: "200")]
        let placed = accounts.count * 1_000 + 4 * 20_000 + 1_000 + 200
        return GenesisSpec(chainID: Self.chainID, genesisTime: genesisTime, accounts: accounts, allocations: [],
                           stakes: stakes, treasury: "\(1_000_000_000 - placed)",
                           parameters: ["slot_milliseconds": "100", "datanet_vote_window_min_seconds": "1"])
    }

    /// A transaction signed by `key`, paying the least fee.
    func signed(_ kind: TransactionKind, by key: Ed25519PrivateKey, nonce: UInt64) -> SignedTransaction {
        TransactionBuilder.signed(kind, nonce: nonce, fee: nil, expiry: genesisTime + 3_600, parameters: .defaults,
                                  chainID: Self.chainID, key: key)
    }

    /// Log lines go to standard error when OLN_NODE_TEST_LOG is set.
    static func log(_ name: String) -> NodeLog {
        guard ProcessInfo.processInfo.environment["OLN_NODE_TEST_LOG"] != nil else { return .silent }
        return NodeLog(level: .debug, sink: { FileHandle.standardError.write(Data("[\(name)] \($0)\n".utf8)) })
    }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    static func wait(seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }
}
