import Foundation
import Gossip
import IO
import Identity
import Ledger
import Network
import Node
import Sodium
import Wire

/// `oln-bench processes [--nodes N] [--transactions N] [--senders N] [--slot-ms MS] [--oln PATH] [--keep]`:
/// finalized transactions per second on N validator processes (`oln run`, default 4) over
/// loopback. A load generator in this process joins their gossip as a plain libp2p peer and
/// publishes (without subscribing, as a client does) signed transfers from funded senders
/// (all signed before the clock starts), keeping up to 16 of each sender's transfers in
/// flight (the mempool's ready limit per account): whenever node 1's ledger shows half of
/// them final, it publishes more.
/// `--keep` keeps the nodes' folders and logs.
enum ProcessThroughputBenchmark {
    static let chainID: UInt64 = 7_008
    /// Transfers of one sender in flight at most (the mempool's ready limit per account).
    static let perRound = 16
    /// Transfers in flight at most in all, under the mempool's ready limit (16,384): a
    /// transfer the mempool drops is not sent again, and the run would wait for it.
    static let inFlightMax = 15_000

    static func run(arguments: [String]) {
        let nodeCount = max(1, BenchSupport.option("--nodes", in: arguments).flatMap(Int.init) ?? 4)
        let total = BenchSupport.option("--transactions", in: arguments).flatMap(Int.init) ?? 60_000
        let senderCount = max(1, BenchSupport.option("--senders", in: arguments).flatMap(Int.init) ?? 300)
        let slotMilliseconds = BenchSupport.option("--slot-ms", in: arguments).flatMap(Int.init) ?? 1_000
        let binary = BenchSupport.option("--oln", in: arguments)
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("oln").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            BenchSupport.print("no oln at \(binary): build it (swift build -c release --product oln) or give --oln PATH")
            exit(2)
        }
        let cluster = ProcessCluster(binary: binary, nodeCount: nodeCount, senderCount: senderCount,
                                     slotMilliseconds: slotMilliseconds, chainID: chainID)
        cluster.keepsFiles = arguments.contains("--keep")
        do {
            try cluster.start()
            try measure(cluster, total: total)
            cluster.stop()
            if cluster.keepsFiles { BenchSupport.print("node folders and logs kept in \(cluster.root)") }
        } catch {
            BenchSupport.print("process benchmark failed: \(error) (logs kept in \(cluster.root)/node*/node.log)")
            cluster.keepsFiles = true
            cluster.stop()
            exit(1)
        }
    }

    private static func measure(_ cluster: ProcessCluster, total: Int) throws {
        let signed = try signedTransfers(cluster, total: total)
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        var routerConfiguration = GossipRouterConfiguration()
        let topics = ChainTopics(chainID: chainID)
        routerConfiguration.topicOptions = topics.topicOptions
        let gossip = GossipNode(loop: loop, identity: IdentityKey(), routerConfiguration: routerConfiguration,
                                seed: UInt64.random(in: 0...UInt64.max))
        // The generator publishes like a client (flood publishing to every node on the
        // topic) without subscribing, so the nodes do not send every transaction back to it.
        _ = loop.execute {
            for address in cluster.addresses { try? gossip.node.dial(address) }
        }
        try wait(seconds: 20, "every node's subscription to the transaction topic") {
            onLoop(loop) { gossip.router.peers(subscribedTo: topics.transactions).count } ?? 0 >= cluster.addresses.count
        }
        let ledger = try LedgerDatabase(path: cluster.directory(0).chainPath)
        let startHeight = ledger.height
        let accounts = cluster.senders.map { AccountAddress(publicKey: $0.publicKey) }
        let window = max(1, min(perRound, inFlightMax / accounts.count))
        var published = [Int](repeating: 0, count: accounts.count)
        var confirmed = [Int](repeating: 0, count: accounts.count)
        let start = BenchSupport.seconds()
        var lastReport = start
        var polledHeight: UInt64?
        while confirmed.reduce(0, +) < total {
            guard BenchSupport.seconds() - start < 600 else { throw BenchmarkFailure("the load was not final in 10 minutes") }
            // The senders' nonces are read again only after node 1 committed a batch.
            let height = ledger.height
            let committed = height != polledHeight
            polledHeight = height
            var batch: [[UInt8]] = []
            for index in accounts.indices {
                if committed { confirmed[index] = Int(try ledger.account(accounts[index]).nonce) }
                let inFlight = published[index] - confirmed[index]
                guard inFlight <= window / 2, published[index] < signed[index].count else { continue }
                let next = min(signed[index].count, confirmed[index] + window)
                batch += signed[index][published[index]..<next]
                published[index] = next
            }
            if !batch.isEmpty { try publish(batch, on: gossip, loop: loop, topic: topics.transactions) }
            if BenchSupport.seconds() - lastReport >= 5 {
                lastReport = BenchSupport.seconds()
                BenchSupport.print("  \(confirmed.reduce(0, +)) final after \(BenchSupport.format(lastReport - start)) s")
            }
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        let seconds = BenchSupport.seconds() - start
        BenchSupport.print("\(cluster.addresses.count) validator processes, \(cluster.slotMilliseconds) ms slots, "
            + "\(accounts.count) senders keeping up to \(window) transfers each in flight: \(total) transfers final in "
            + "\(BenchSupport.format(seconds)) s over \(ledger.height - startHeight) batches: "
            + "\(BenchSupport.format(Double(total) / seconds)) tx/s")
    }

    /// Each sender's transfers, nonce 0 on; `total` in all.
    private static func signedTransfers(_ cluster: ProcessCluster, total: Int) throws -> [[[UInt8]]] {
        let recipient = IdentityKey().accountAddress
        let expiry = cluster.genesisTime + 86_400
        let count = cluster.senders.count
        return cluster.senders.enumerated().map { position, key in
            let mine = total / count + (position < total % count ? 1 : 0)
            return (0..<mine).map { nonce in
                TransactionBuilder.signed(.transfer(Transfer(to: recipient, amount: 1)), nonce: UInt64(nonce), fee: nil,
                                          expiry: expiry, parameters: .defaults, chainID: chainID, key: key).envelopeBytes
            }
        }
    }

    /// How often node 1's height is read (and the nonces after a new batch).
    static let pollSeconds = 0.01
    /// Transfers published at a time.
    static let publishSliceCount = 500
    /// A slice is published only once every node's outbound queue in the generator's
    /// router holds at most this many messages, so that none is refused at the queue's cap
    /// (`outboundMessageCountMaxPerPeer`, 4,096): a refused transfer is never sent again.
    static let queuedMessageCountMaxBeforeSlice = 4_096 - 2 * publishSliceCount

    private static func publish(_ transactions: [[UInt8]], on gossip: GossipNode, loop: EventLoop, topic: String) throws {
        for slice in stride(from: 0, to: transactions.count, by: publishSliceCount) {
            try wait(seconds: 60, "room in the load generator's gossip queues") {
                onLoop(loop) {
                    gossip.router.peers(subscribedTo: topic).allSatisfy {
                        gossip.router.queuedMessageCount(for: $0) <= queuedMessageCountMaxBeforeSlice
                    }
                } ?? false
            }
            let part = Array(transactions[slice..<min(slice + publishSliceCount, transactions.count)])
            _ = loop.execute { _ = gossip.publish(part, topic: topic) }
        }
    }

    private static func onLoop<Value: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> Value) -> Value? {
        let box = LockedBox<Value>()
        let done = DispatchSemaphore(value: 0)
        guard loop.execute({ box.value = body(); done.signal() }) else { return nil }
        done.wait()
        return box.value
    }

    private static func wait(seconds: Double, _ what: String, until condition: () -> Bool) throws {
        let deadline = BenchSupport.seconds() + seconds
        while !condition() {
            guard BenchSupport.seconds() < deadline else { throw BenchmarkFailure("timed out waiting for \(what)") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
