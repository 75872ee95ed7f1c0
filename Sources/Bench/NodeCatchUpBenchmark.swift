import Foundation
import Identity
import Ledger
import Node
import Sodium

/// `oln-bench catch-up [--transactions N] [--senders N] [--slot-ms MS]`: how fast a new
/// node catches up over `/oln/sync/1`. A validator in this process finalizes N transfers
/// (default 100,000) from funded senders; then a fresh node that has only the genesis and
/// the validator's address syncs every batch, verifying each certificate and transaction
/// and applying it, and the figures are its batches and transactions per second.
enum NodeCatchUpBenchmark {
    static let chainID: UInt64 = 7_007

    static func run(arguments: [String]) {
        let total = BenchSupport.option("--transactions", in: arguments).flatMap(Int.init) ?? 100_000
        let senderCount = BenchSupport.option("--senders", in: arguments).flatMap(Int.init) ?? 300
        let slotMilliseconds = BenchSupport.option("--slot-ms", in: arguments).flatMap(Int.init) ?? 500
        do {
            try measure(total: total, senderCount: max(1, senderCount), slotMilliseconds: slotMilliseconds)
        } catch {
            BenchSupport.print("catch-up benchmark failed: \(error)")
            exit(1)
        }
    }

    private static func measure(total: Int, senderCount: Int, slotMilliseconds: Int) throws {
        let root = NSTemporaryDirectory() + "oln-bench-catch-up-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let validator = IdentityKey()
        let senders = BenchGenesis.senders(count: senderCount, tag: 7)
        let genesisTime = UInt64(Date().timeIntervalSince1970)
        let spec = try BenchGenesis.spec(validators: [validator], senders: senders, chainID: chainID, time: genesisTime,
                                         slotMilliseconds: slotMilliseconds)
        let source = try directory(root + "/validator", spec: spec, key: validator, bootstrap: [],
                                   roles: [.relay, .sequencer, .validator])
        let runtime = try NodeRuntime(directory: source, options: .init(log: .silent))
        let address = try runtime.start().first!.description
        defer { runtime.stop() }
        let produced = try finalize(total: total, senders: senders, on: runtime, directory: source, genesisTime: genesisTime)
        let target = runtime.status.headHeight
        BenchSupport.print("finalized \(total) transfers in \(BenchSupport.format(produced)) s "
            + "(\(BenchSupport.format(Double(total) / produced)) tx/s, one validator, \(slotMilliseconds) ms slots), "
            + "\(target) batches")
        let follower = try NodeRuntime(directory: try directory(root + "/follower", spec: spec, key: nil,
                                                                 bootstrap: [address], roles: [.relay]),
                                       options: .init(log: .silent))
        let start = BenchSupport.seconds()
        _ = try follower.start()
        defer { follower.stop() }
        while follower.status.headHeight < target {
            guard BenchSupport.seconds() - start < 600 else { throw BenchmarkFailure("the follower did not catch up in 10 minutes") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let seconds = BenchSupport.seconds() - start
        BenchSupport.print("a fresh node caught up \(target) batches (\(total) transfers) in \(BenchSupport.format(seconds)) s: "
            + "\(BenchSupport.format(Double(target) / seconds)) batches/s, \(BenchSupport.format(Double(total) / seconds)) tx/s")
    }

    /// Submits rounds of 16 transfers per sender until `total` are final; returns the seconds it took.
    private static func finalize(total: Int, senders: [Ed25519PrivateKey], on runtime: NodeRuntime,
                                 directory: NodeDirectory, genesisTime: UInt64) throws -> Double {
        let recipient = IdentityKey().accountAddress
        let ledger = try LedgerDatabase(path: directory.chainPath)
        let perRound = 16
        var nonces = [UInt64](repeating: 0, count: senders.count)
        var submitted = 0
        let start = BenchSupport.seconds()
        while submitted < total {
            var round: [SignedTransaction] = []
            for (index, key) in senders.enumerated() where submitted + round.count < total {
                let count = min(perRound, total - submitted - round.count)
                for _ in 0..<count {
                    round.append(TransactionBuilder.signed(.transfer(Transfer(to: recipient, amount: 1)), nonce: nonces[index],
                                                           fee: nil, expiry: genesisTime + 86_400, parameters: .defaults,
                                                           chainID: chainID, key: key))
                    nonces[index] += 1
                }
            }
            runtime.submit(round)
            submitted += round.count
            try waitUntilFinal(nonces: nonces, senders: senders, ledger: ledger)
            BenchSupport.print("  \(submitted) of \(total) final after \(BenchSupport.format(BenchSupport.seconds() - start)) s")
        }
        return BenchSupport.seconds() - start
    }

    private static func waitUntilFinal(nonces: [UInt64], senders: [Ed25519PrivateKey], ledger: LedgerDatabase) throws {
        let deadline = BenchSupport.seconds() + 120
        for (index, key) in senders.enumerated() where nonces[index] > 0 {
            let account = AccountAddress(publicKey: key.publicKey)
            while try ledger.account(account).nonce < nonces[index] {
                guard BenchSupport.seconds() < deadline else { throw BenchmarkFailure("transfers were not finalized in 2 minutes") }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    private static func directory(_ path: String, spec: Data, key: IdentityKey?, bootstrap: [String],
                                  roles: [NodeRole]) throws -> NodeDirectory {
        let directory = NodeDirectory(path: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let key { try KeyFile.write(key, to: directory.keyPath, overwrite: false) }
        let configuration = NodeConfiguration(listen: ["/ip4/127.0.0.1/tcp/0"], bootstrap: bootstrap, roles: roles,
                                              api: APIEndpoint.offText)
        _ = try directory.initialize(genesisSpec: spec, configuration: configuration, overwritingConfiguration: true)
        return directory
    }
}
