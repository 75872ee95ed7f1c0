import Foundation
import Identity
import Ledger
@testable import Network
import Sequencer
import Sodium
import Testing
@testable import Node

/// Finalized transactions per second on four validators in this process (loopback, 1 s
/// slots unless OLN_NODE_BENCH_SLOT_MS says otherwise): rounds (OLN_NODE_BENCH_ROUNDS, 4)
/// of 16 transfers from each of 300 funded accounts are spread over the four nodes, and a
/// round counts once every transfer is final on every node. Runs only with
/// OLN_NODE_BENCH=1 (both cores for 10–30 s; build with -c release for figures).
@Suite("NodeThroughputBenchmark", .serialized)
struct NodeThroughputBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["OLN_NODE_BENCH"] == "1"

    @Test("finalized transfers per second, four in-process validators", .enabled(if: enabled))
    func throughput() throws {
        let accountCount = 300
        let perRound = 16
        let rounds = Int(ProcessInfo.processInfo.environment["OLN_NODE_BENCH_ROUNDS"] ?? "") ?? 4
        let slotMilliseconds = Int(ProcessInfo.processInfo.environment["OLN_NODE_BENCH_SLOT_MS"] ?? "") ?? 1_000
        let cluster = try NodeCluster(validatorCount: 4, slotMilliseconds: slotMilliseconds, senderCount: accountCount)
        let runtimes = try cluster.startValidators()
        #expect(NodeCluster.wait(seconds: 5) { runtimes.allSatisfy { $0.status.peers == 3 } })
        let recipient = IdentityKey().accountAddress
        let signed = (0..<rounds).map { round in
            cluster.senders.map { key in
                (0..<perRound).map { index in
                    TransactionBuilder.signed(.transfer(Transfer(to: recipient, amount: 1)), nonce: UInt64(round * perRound + index),
                                              fee: nil, expiry: cluster.genesisTime + 3_600, parameters: .defaults,
                                              chainID: NodeCluster.chainID, key: key)
                }
            }
        }
        let last = AccountAddress(publicKey: cluster.senders[accountCount - 1].publicKey)
        let startHeight = runtimes[0].status.headHeight
        let start = Date()
        for round in 0..<rounds {
            for (index, batch) in signed[round].enumerated() { runtimes[index % 4].submit(batch) }
            let target = UInt64((round + 1) * perRound)
            let done = NodeCluster.wait(seconds: 60) {
                runtimes.allSatisfy { $0.status.mempool == 0 && NodeRuntimeTests.account(last, on: $0)?.nonce == target }
            }
            #expect(done, "round \(round)")
            if !done {
                for runtime in runtimes {
                    let line = runtime.onLoop { node -> String in
                        let s = node.gossip.router.statistics
                        let m = node.machine.statistics
                        return "height=\(node.machine.height) round=\(node.machine.round) step=\(node.machine.step) dropSend=\(node.gossip.droppedSendCount) "
                            + "overrun=\(node.gossip.overrunRPCs.count) queued=\(node.gossip.router.peersWithQueuedRPCs.count) "
                            + "pending=\(node.gossip.router.pendingValidationCount) outDrop=\(s.outboundMessagesDropped) stale=\(s.outboundMessagesStale) "
                            + "vqFull=\(s.validationQueueFull) vTimeout=\(s.validationTimeouts) rejected=\(s.rejectedMessages) ignored=\(s.ignoredMessages) "
                            + "received=\(s.messagesReceived) delivered=\(s.messagesDelivered) propAcc=\(m.proposalsAccepted) propInv=\(m.proposalsInvalid) "
                            + "propDrop=\(m.proposalsDropped) votesAcc=\(m.votesAccepted) votesDrop=\(m.votesDropped) mempool=\(node.pool.mempool.count)"
                    } ?? ""
                    print(line)
                }
                break
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let total = rounds * accountCount * perRound
        let heights = runtimes[0].status.headHeight - startHeight
        print("finalized \(total) transfers in \(String(format: "%.2f", seconds)) s over \(heights) batches: "
              + "\(String(format: "%.0f", Double(total) / seconds)) tx/s")
        for runtime in runtimes { runtime.stop() }
    }
}
