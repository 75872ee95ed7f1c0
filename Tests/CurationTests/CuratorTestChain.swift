import Foundation
import Identity
import Ledger
import Node
import Sodium

/// One validator's data directory on a genesis that also stakes its key as a curator
/// (200 tokens), with a contributor account of 1,000 tokens and fast slots; a minimal copy
/// of NodeTests' cluster for a runtime in the test process on loopback.
final class CuratorTestChain: @unchecked Sendable {
    static let chainID: UInt64 = 4_343
    let root: String
    let validatorKey = IdentityKey()
    let contributor = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x6d, count: 32))
    let genesisTime = UInt64(Date().timeIntervalSince1970)
    private(set) var runtime: NodeRuntime?

    init() {
        root = NSTemporaryDirectory() + "oln-curator-\(UUID().uuidString)"
    }

    deinit {
        runtime?.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes the directory and starts the validator's runtime on it.
    func start(slotMilliseconds: Int) throws -> NodeRuntime {
        let contributorAddress = AccountAddress(publicKey: contributor.publicKey)
        let validator = validatorKey.accountAddress.description
        let accounts = [validator, contributorAddress.description].map { GenesisSpec.Account(address: $0, balance: "1000") }
        let stakes = [("validator", "20000"), ("sequencer", "20000"), ("curator", "200")].map {
            GenesisSpec.StakeEntry(address: validator, role: $0.0, amount: $0.1)
        }
        let placed = 2 * 1_000 + 2 * 20_000 + 200
        let spec = GenesisSpec(chainID: Self.chainID, genesisTime: genesisTime, accounts: accounts, allocations: [],
                               stakes: stakes, treasury: "\(1_000_000_000 - placed)",
                               parameters: ["slot_milliseconds": "\(slotMilliseconds)"])
        let directory = NodeDirectory(path: (root as NSString).appendingPathComponent("validator"))
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        try KeyFile.write(validatorKey, to: directory.keyPath, overwrite: false)
        let configuration = NodeConfiguration(listen: ["/ip4/127.0.0.1/tcp/0"], bootstrap: [],
                                              roles: [.relay, .sequencer, .validator])
        _ = try directory.initialize(genesisSpec: try JSONEncoder().encode(spec), configuration: configuration,
                                     overwritingConfiguration: true)
        let runtime = try NodeRuntime(directory: directory, options: .init(log: Self.log()))
        try runtime.start()
        self.runtime = runtime
        return runtime
    }

    /// A transaction from the contributor, paying the least fee.
    func fromContributor(_ kind: TransactionKind, nonce: UInt64) -> SignedTransaction {
        TransactionBuilder.signed(kind, nonce: nonce, fee: nil, expiry: genesisTime + 3_600, parameters: .defaults,
                                  chainID: Self.chainID, key: contributor)
    }

    /// Log lines go to standard error when OLN_NODE_TEST_LOG is set.
    static func log() -> NodeLog {
        guard ProcessInfo.processInfo.environment["OLN_NODE_TEST_LOG"] != nil else { return .silent }
        return NodeLog(level: .debug, sink: { FileHandle.standardError.write(Data("[curator] \($0)\n".utf8)) })
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
