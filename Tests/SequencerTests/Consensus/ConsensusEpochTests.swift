import Ledger
import Testing
@testable import Sequencer

/// The machine across epoch boundaries: five machines (validators 0–3 at genesis, 4 a
/// follower) with epochs of two heights. Epoch 2 moves stake from validator 3 to 0, lets
/// 4 join and 3 leave; epoch 3 gives 4 most of the stake. Messages reach everyone at once.
@Suite("Consensus across epochs")
struct ConsensusEpochTests {
    static let genesisStakes: [UInt64] = [1, 1, 1, 1]

    /// Stakes by validator index for epochs 2 and 3 (0: not a validator); later epochs keep epoch 3's.
    static let plannedStakes: [UInt64: [UInt64]] = [2: [3, 1, 1, 0, 1], 3: [1, 1, 1, 0, 4]]

    static func sets(_ stakes: [UInt64]) -> (validators: ValidatorSet, sequencers: [LeaderSchedule.Member]) {
        let members = stakes.enumerated().filter { $0.element > 0 }
        return (ValidatorSet(members: members.map { (ConsensusFixtures.addresses[$0.offset], Amount($0.element)) }),
                members.map { LeaderSchedule.Member(address: ConsensusFixtures.addresses[$0.offset], power: Int64($0.element)) })
    }

    static func executor() -> InMemoryBatchExecutor {
        let genesis = sets(genesisStakes)
        let schedule = ConsensusSchedule.genesis(heightCount: 2, validators: genesis.validators, sequencers: genesis.sequencers)
        return InMemoryBatchExecutor(
            genesisHash: ConsensusFixtures.genesisHash, genesisStateRoot: ConsensusFixtures.genesisStateRoot,
            transactionsPerBatchMax: 2, schedule: schedule,
            epochPlan: { number in
                plannedStakes[number].map { stakes in
                    let planned = sets(stakes)
                    return (2, planned.validators, planned.sequencers)
                }
            })
    }

    /// Runs the machines, delivering every broadcast to all others at once, until each
    /// committed `height`; returns the votes each signed.
    static func run(_ machines: inout [ConsensusMachine<InMemoryBatchExecutor>], until height: UInt64) -> [[ConsensusVote]] {
        var signed = Array(repeating: [ConsensusVote](), count: machines.count)
        var now = ConsensusFixtures.genesisSeconds * 1_000
        var queue = machines.indices.flatMap { index in machines[index].start(now: now).map { (index, $0) } }
        var wakeUps: [UInt64] = []
        for _ in 0..<10_000 {
            while !queue.isEmpty {
                let (from, action) = queue.removeFirst()
                if case .broadcastVote(let vote) = action { signed[from].append(vote.body) }
                if case .wakeUp(let at) = action { wakeUps.append(at) }
                for index in machines.indices where index != from {
                    switch action {
                    case .broadcastProposal(let proposal):
                        queue += machines[index].receiveProposal(proposal, now: now).map { (index, $0) }
                    case .broadcastVote(let vote):
                        queue += machines[index].receiveVote(vote, now: now).map { (index, $0) }
                    default: break
                    }
                }
            }
            if machines.allSatisfy({ $0.executor.head.height >= height }) { break }
            guard let next = wakeUps.filter({ $0 > now }).min() else { break }
            now = next
            wakeUps.removeAll { $0 <= now }
            for index in machines.indices { queue += machines[index].tick(now: now).map { (index, $0) } }
        }
        return signed
    }

    static func machines() -> [ConsensusMachine<InMemoryBatchExecutor>] {
        (0..<5).map { ConsensusMachine(configuration: ConsensusFixtures.configuration(), key: ConsensusFixtures.keys[$0], executor: executor()) }
    }

    @Test("stake moves, a validator joins and one leaves at epoch boundaries; all agree and each height's certificate is its set's")
    func decidesAcrossBoundaries() throws {
        var machines = Self.machines()
        #expect(machines.map(\.isValidator) == [true, true, true, true, false])
        let signed = Self.run(&machines, until: 10)
        let chain = machines[0].executor.committed
        #expect(chain.count >= 10)
        for machine in machines {
            #expect(machine.executor.committed.prefix(10).map(\.batch.hash) == chain.prefix(10).map(\.batch.hash))
        }
        let schedule = machines[0].executor.schedule
        for entry in chain.prefix(10) {
            let height = entry.certificate.height
            let validators = try #require(schedule.validators(forHeight: height))
            #expect(entry.certificate.verificationFailure(validators: validators, chainID: ConsensusFixtures.chainID) == nil)
            let leader = try #require(schedule.leader(height: height, slot: entry.batch.header.body.slot))
            #expect(entry.batch.header.signerAddress == leader, "height \(height)")
            let signers = Set(entry.certificate.signatures.map { AccountAddress(publicKey: $0.signer) })
            #expect(signers.isSubset(of: Set(validators.members.map(\.address))), "height \(height)")
        }
        #expect(schedule.validators(forHeight: 5)?.stake(of: ConsensusFixtures.addresses[0]) == 3)
        #expect(schedule.validators(forHeight: 7)?.stake(of: ConsensusFixtures.addresses[4]) == 4)
        #expect(signed[3].allSatisfy { $0.height <= 4 }, "validator 3 left with epoch 2 and signs nothing after it")
        #expect(signed[4].allSatisfy { $0.height >= 5 } && signed[4].contains { $0.height == 5 }, "validator 4 signs from epoch 2 on")
        #expect(!machines[3].isValidator && machines[4].isValidator)
        #expect(machines.allSatisfy { $0.executor.schedule == schedule }, "every node holds the same epochs")
    }

    @Test("a certificate is verified against the set of its own height: a new set's signatures for an old height are refused")
    func certificatesOfOldEpochs() throws {
        var machines = Self.machines()
        _ = Self.run(&machines, until: 6)
        let chain = machines[0].executor.committed
        let bench = ConsensusBench()
        func forged(_ index: Int, signers: [Int]) -> FinalityCertificate {
            bench.certificate(chain[index].batch, slot: chain[index].certificate.slot, signers: signers)
        }
        var follower = ConsensusMachine(configuration: ConsensusFixtures.configuration(), key: nil, executor: Self.executor())
        for entry in chain.prefix(3) {
            _ = follower.receiveCertificate(entry.batch, certificate: entry.certificate, now: 0)
        }
        #expect(follower.height == 4)
        // Height 4 is in epoch 1 (validators 0–3): 0, 1 and 4 are a quorum of epoch 2 only.
        _ = follower.receiveCertificate(chain[3].batch, certificate: forged(3, signers: [0, 1, 4]), now: 0)
        #expect(follower.height == 4 && follower.statistics.certificatesRejected == 1)
        _ = follower.receiveCertificate(chain[3].batch, certificate: forged(3, signers: [1, 2, 3]), now: 0)
        #expect(follower.height == 5)
        // Height 5 is in epoch 2 (0: 3, 1, 2, 4: 1 each): 1, 2 and 3 are not a quorum there.
        _ = follower.receiveCertificate(chain[4].batch, certificate: forged(4, signers: [1, 2, 3]), now: 0)
        #expect(follower.height == 5 && follower.statistics.certificatesRejected == 2)
        _ = follower.receiveCertificate(chain[4].batch, certificate: chain[4].certificate, now: 0)
        _ = follower.receiveCertificate(chain[5].batch, certificate: chain[5].certificate, now: 0)
        #expect(follower.height == 7)
        #expect(follower.executor.committed.map(\.batch.hash) == chain.prefix(6).map(\.batch.hash))
    }

    @Test("a machine restarted mid-epoch from its executor takes the same epoch and keeps deciding")
    func restartMidEpoch() {
        var machines = Self.machines()
        _ = Self.run(&machines, until: 5)
        let height = machines[4].height
        let restarted = ConsensusMachine(configuration: ConsensusFixtures.configuration(), key: ConsensusFixtures.keys[4],
                                         executor: machines[4].executor, signingState: machines[4].signingState)
        #expect(restarted.epoch == machines[4].epoch && restarted.height == height)
        #expect(restarted.isValidator == machines[4].isValidator)
        machines[4] = restarted
        _ = Self.run(&machines, until: height + 3)
        #expect(machines.allSatisfy { $0.executor.head.height >= height + 3 })
    }
}
