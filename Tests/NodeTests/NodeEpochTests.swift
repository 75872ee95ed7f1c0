import Foundation
import Identity
import Ledger
import Sequencer
import Testing
@testable import Node

/// Epochs in a running node (epochs of two heights, 100 ms slots): a stake change reaches
/// the sets two epochs on, a node restarted mid-epoch reads back exactly the epochs it
/// committed, and a fresh node that syncs computes the same ones.
@Suite("Node epochs", .serialized)
struct NodeEpochTests {
    static func schedule(of runtime: NodeRuntime) -> ConsensusSchedule? {
        runtime.onLoop { $0.machine.executor.schedule }
    }

    /// Whether every epoch the two schedules both keep is the same in both.
    static func agree(_ first: ConsensusSchedule, _ second: ConsensusSchedule) -> Bool {
        first.epochs.allSatisfy { epoch in second.epochs.first { $0.number == epoch.number }.map { $0 == epoch } ?? true }
    }

    @Test("a stake change reaches the validator set; a restart mid-epoch and a synced node hold the same epochs")
    func epochsSurviveRestartAndSync() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100, parameters: ["epoch_heights": "2"])
        let key = cluster.validatorKeys[0]
        let directory = try cluster.directory("node1", key: key, bootstrap: [])
        let (first, _) = try cluster.start(directory)
        let stake = TransactionBuilder.signed(.stake(Stake(role: .validator, amount: Token.tokens(500))), nonce: 0, fee: nil,
                                              expiry: cluster.genesisTime + 3_600, parameters: .defaults,
                                              chainID: NodeCluster.chainID, key: key.privateKey)
        #expect(first.submit(stake))
        let raised = NodeCluster.wait(seconds: 6) {
            let height = first.status.headHeight
            let validators = Self.schedule(of: first)?.validators(forHeight: height)
            return validators?.stake(of: key.accountAddress) == Token.tokens(20_500) && height % 2 == 1
        }
        #expect(raised, "the raised stake weighs votes from the second epoch after the batch that holds it")
        first.stop()
        // The disk, not the status (a batch may commit while the node stops): the epochs the
        // running node held are the ones stored, and the restarted node reads them back.
        let disk = try LedgerDatabase(path: directory.chainPath)
        let stopped = disk.height
        let stored = try ConsensusSchedule.stored(in: disk)
        let held = first.setup.epochs.schedule
        #expect(stored.isStored && stored.schedule.latest.number >= held.latest.number)
        #expect(Self.agree(held, stored.schedule))
        let (second, address) = try cluster.start(directory)
        // The restarted node may commit a batch (and extend its epochs) before this reads them.
        let restarted = second.setup.epochs.schedule
        #expect(Self.agree(restarted, stored.schedule) && restarted.epochs.contains(stored.schedule.latest),
                "the epochs read at start are those committed")
        #expect(Self.schedule(of: second).map { Self.agree($0, stored.schedule) } == true)
        #expect(NodeCluster.wait(seconds: 4) { second.status.headHeight >= stopped + 5 })

        let (follower, _) = try cluster.start(try cluster.directory("fresh", key: nil, bootstrap: [address]))
        let target = second.status.headHeight
        #expect(NodeCluster.wait(seconds: 6) { follower.status.headHeight >= target + 2 })
        let mine = try #require(Self.schedule(of: second))
        let theirs = try #require(Self.schedule(of: follower))
        #expect(min(mine.latest.number, theirs.latest.number) >= 3)
        #expect(Self.agree(mine, theirs))
        #expect(follower.setup.validators(forHeight: target) == second.setup.validators(forHeight: target))
        follower.stop()
        second.stop()
    }
}
