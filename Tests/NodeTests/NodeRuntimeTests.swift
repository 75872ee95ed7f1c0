import Foundation
import Identity
import Ledger
import Sequencer
import Testing
@testable import Node

/// Node runtimes in this process, on loopback with fast slots: the whole path from a
/// gossiped transaction to a finalized batch, restarts and catching up over sync.
@Suite("NodeRuntime", .serialized)
struct NodeRuntimeTests {
    static func account(_ address: AccountAddress, on runtime: NodeRuntime) -> (balance: Amount, nonce: UInt64)? {
        runtime.onLoop { try? $0.machine.executor.ledger.account(address) } ?? nil
    }

    static func stateRoot(atHeight height: UInt64, on runtime: NodeRuntime) -> [UInt8]? {
        runtime.onLoop { try? $0.machine.executor.ledger.stateRoot(atHeight: height) } ?? nil
    }

    @Test("four validators finalize a gossiped transfer, and their ledgers agree")
    func fourValidatorsFinalizeTransfer() throws {
        let cluster = try NodeCluster(validatorCount: 4, slotMilliseconds: 200)
        let runtimes = try cluster.startValidators()
        #expect(NodeCluster.wait(seconds: 5) { runtimes.allSatisfy { $0.status.peers == 3 } })
        let recipient = IdentityKey().accountAddress
        #expect(runtimes[2].submit(cluster.transfer(nonce: 0, to: recipient, tokens: 7)))
        let finalized = NodeCluster.wait(seconds: 6) {
            runtimes.allSatisfy { Self.account(cluster.clientAddress, on: $0)?.nonce == 1 }
        }
        #expect(finalized)
        let height = runtimes.map(\.status.headHeight).min() ?? 0
        #expect(height >= 1)
        let roots = runtimes.map { Self.stateRoot(atHeight: height, on: $0) }
        #expect(Set(roots.compactMap { $0 }).count == 1 && !roots.contains(nil))
        #expect(Self.account(recipient, on: runtimes[1])?.balance == Token.tokens(7))
        #expect(runtimes.allSatisfy { $0.status.mempool == 0 })
        for runtime in runtimes { runtime.stop() }
        let written = try #require(NodeStatus.read(from: runtimes[0].directory.statusPath))
        #expect(!written.running)
        #expect(written.headHeight >= height)
    }

    @Test("a validator that stops resumes from its ledger and signing state")
    func restartResumes() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let directory = try cluster.directory("node1", key: cluster.validatorKeys[0], bootstrap: [])
        let (first, _) = try cluster.start(directory)
        #expect(NodeCluster.wait(seconds: 3) { first.status.headHeight >= 3 })
        first.stop()
        let stopped = first.status.headHeight
        #expect(FileManager.default.fileExists(atPath: directory.signingStatePath))
        let (second, _) = try cluster.start(directory)
        #expect(second.status.headHeight == stopped)
        #expect(NodeCluster.wait(seconds: 3) { second.status.headHeight >= stopped + 2 })
        second.stop()
    }

    @Test("a fresh node with only the genesis and a bootstrap address catches up, then follows")
    func freshNodeSyncs() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (validator, address) = try cluster.start(try cluster.directory("node1", key: cluster.validatorKeys[0], bootstrap: []))
        #expect(validator.submit(cluster.transfer(nonce: 0, to: cluster.validatorKeys[0].accountAddress, tokens: 3)))
        #expect(NodeCluster.wait(seconds: 4) { validator.status.headHeight >= 6 })
        let target = validator.status.headHeight
        let (follower, _) = try cluster.start(try cluster.directory("fresh", key: nil, bootstrap: [address]))
        #expect(NodeCluster.wait(seconds: 4) { follower.status.headHeight >= target + 2 })
        let applied = follower.onLoop { $0.sync.appliedCount } ?? 0
        #expect(applied >= Int(target) - 1)
        #expect(Self.stateRoot(atHeight: target, on: follower) == Self.stateRoot(atHeight: target, on: validator))
        #expect(Self.account(cluster.clientAddress, on: follower)?.nonce == 1)
        follower.stop()
        validator.stop()
    }
}
