import Ledger
import Simulation
import Testing
@testable import Sequencer

/// Tendermint over slots in the simulator, each run reproducible from its printed seed.
/// `OLN_CONSENSUS_SEEDS` sets the number of seeds per test for long runs; each test prints
/// how many of its seeds passed every check (`ConsensusSeedTally`).
@Suite("Consensus in the simulator")
struct ConsensusSimulationTests {
    typealias Options = ConsensusSimulation.Options

    /// N in 4...7 with random stakes.
    static func randomOptions(_ random: inout SimulationRandom) -> Options {
        var options = Options()
        options.nodeCount = 4 + Int(random.next() % 4)
        options.stakes = ConsensusSeeds.stakes(count: options.nodeCount, using: &random)
        return options
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    @Test("no faults: every slot decides its own batch within the slot, and all nodes commit one chain")
    func noFaults() {
        var delays: [Double] = []
        var tally = ConsensusSeedTally(test: "noFaults")
        for seed in ConsensusSeeds.seeds(for: "noFaults", defaultCount: 24) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            let options = Self.randomOptions(&random)
            var simulation = ConsensusSimulation(seed: seed, options: options)
            simulation.run(untilSlot: 13)
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed): \(simulation.safetyFailures())")
            for node in 0..<options.nodeCount {
                // A node whose clock runs ahead may already have decided slot 13 when the
                // run stops at that slot's start; slots 1 to 12 must all be decided.
                let decided = simulation.decisionSlots(node: node)
                tally.check(Array(decided.prefix(12)) == Array(1...12) && decided.count <= 13, "seed \(seed) node \(node)")
                tally.check(simulation.simulator.nodes[node].chain.committed[11].batch.hash
                            == simulation.simulator.nodes[0].chain.committed[11].batch.hash, "seed \(seed) node \(node)")
                delays += simulation.finalityDelays(node: node)
            }
            tally.check(simulation.certificateFailures(node: 0).isEmpty, "seed \(seed)")
        }
        tally.report()
        print("noFaults: slots from a batch's slot start to its commit: p50 \(Self.format(Self.percentile(delays, 0.5))), "
              + "p99 \(Self.format(Self.percentile(delays, 0.99))), max \(Self.format(delays.max() ?? .nan)) over \(delays.count) commits")
        #expect((delays.max() ?? 1) < 1, "every batch is final within its own slot")
    }

    @Test("safety: partitions, 10% loss, leader crashes and byzantine validators under 1/3 never split honest nodes; afterwards they decide again")
    func safetyUnderFaults() {
        var heights: [UInt64] = []
        var evidenceCount = 0
        var tally = ConsensusSeedTally(test: "safetyUnderFaults")
        for seed in ConsensusSeeds.seeds(for: "safetyUnderFaults", defaultCount: 24) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            var options = Self.randomOptions(&random)
            options.byzantine = Self.byzantineSet(&options, using: &random)
            options.link = LinkModel(latencyMin: .milliseconds(5), latencyMax: .milliseconds(150), lossProbability: 0.1)
            options.clockSkewMax = .milliseconds(80)
            var simulation = ConsensusSimulation(seed: seed, options: options)
            Self.injectFaults(into: &simulation, slots: 1..<24, using: &random)
            simulation.simulator.heal(at: simulation.start(ofSlot: 24))
            simulation.run(untilSlot: 24)
            heights.append(simulation.commonHeight(simulation.honest))
            // Once the faults stop (the byzantine validators and the loss stay), honest
            // nodes decide again within two leader rotations.
            let target = simulation.honest.map { simulation.simulator.nodes[$0].chain.head.height }.max()! + 1
            let rotation = Self.slotByWhichEveryoneLed(after: 24, simulation: simulation, count: options.nodeCount)
            let bound = Self.slotByWhichEveryoneLed(after: rotation, simulation: simulation, count: options.nodeCount) + 1
            simulation.run(until: simulation.honest, commit: target, beforeSlot: bound)
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed): \(simulation.safetyFailures())")
            for node in simulation.honest where simulation.simulator.nodes[node].commitTimes[target] == nil {
                tally.check(false, "seed \(seed): honest node \(node) did not reach height \(target) by slot \(bound)")
            }
            for node in simulation.honest {
                for evidence in simulation.simulator.nodes[node].evidence {
                    evidenceCount += 1
                    tally.check(Self.evidenceFailure(evidence, byzantine: options.byzantine) == nil, "seed \(seed) node \(node)")
                }
            }
        }
        tally.report()
        print("safetyUnderFaults: heights all honest nodes reached in 23 slots: p50 \(Self.percentile(heights.map { Double($0) }, 0.5)), "
              + "min \(heights.min() ?? 0); equivocation evidence reports \(evidenceCount)")
    }

    /// Why `evidence` does not convict a byzantine validator: both headers must verify,
    /// differ, share a slot and be signed by one of `byzantine`.
    static func evidenceFailure(_ evidence: EquivocationEvidence, byzantine: Set<Int>) -> String? {
        let chainID = ConsensusFixtures.chainID
        guard let first = try? SignedMessage<BatchHeader>.verified(evidence.first, chainID: chainID),
              let second = try? SignedMessage<BatchHeader>.verified(evidence.second, chainID: chainID) else { return "a header does not verify" }
        guard first.body != second.body, first.body.slot == second.body.slot else { return "not two headers for one slot" }
        guard first.signerAddress == second.signerAddress,
              byzantine.contains(where: { ConsensusFixtures.addresses[$0] == first.signerAddress }) else { return "not one byzantine signer" }
        return nil
    }

    /// Byzantine validators, one or two, with less than 1/3 of the stake between them.
    static func byzantineSet(_ options: inout Options, using random: inout SimulationRandom) -> Set<Int> {
        let count = options.nodeCount >= 6 ? 2 : 1
        let byzantine = Set((0..<options.nodeCount).shuffled(using: &random).prefix(count))
        let honestStake = options.stakes.enumerated().filter { !byzantine.contains($0.offset) }.map(\.element).reduce(0, +)
        // Each byzantine stake at most (honest / 2 - 1) / count keeps their sum under 1/3.
        let cap = max(1, (honestStake / 2 - 1) / UInt64(count))
        for index in byzantine { options.stakes[index] = 1 + random.next() % cap }
        return byzantine
    }

    /// Each slot, by chance: a partition for one to three slots, a crash of the next
    /// slot's leader or another honest node at a random point of the slot, restarted one
    /// to three slots later.
    static func injectFaults(into simulation: inout ConsensusSimulation, slots: Range<UInt64>, using random: inout SimulationRandom) {
        var restarts: [(slot: UInt64, node: Int)] = []
        for slot in slots {
            simulation.simulator.run(until: simulation.start(ofSlot: slot) + simulation.slot * random.nextFraction())
            for restart in restarts where restart.slot == slot { simulation.restart(restart.node) }
            restarts.removeAll { $0.slot == slot }
            if random.nextFraction() < 0.25 {
                let groups = (0..<simulation.options.nodeCount).map { _ in Int(random.next() % 2) }
                simulation.simulator.partition(groups)
                simulation.simulator.heal(at: simulation.start(ofSlot: slot + 1 + random.next() % 3))
            }
            if random.nextFraction() < 0.3 {
                let leader = simulation.leader(slot + 1)
                let candidates = simulation.honest.filter { simulation.simulator.nodes[$0].isUp }
                let leaderIndex = candidates.first { ConsensusFixtures.addresses[$0] == leader }
                if let node = leaderIndex ?? candidates.randomElement(using: &random) {
                    simulation.crash(node)
                    restarts.append((slot + 1 + random.next() % 3, node))
                }
            }
        }
        simulation.run(untilSlot: slots.upperBound)
        for restart in restarts { simulation.restart(restart.node) }
    }

    @Test("liveness: after a partition heals, all nodes decide a new height within one leader rotation")
    func livenessAfterPartition() {
        var delays: [Double] = []
        var bounds: [Double] = []
        var tally = ConsensusSeedTally(test: "livenessAfterPartition")
        for seed in ConsensusSeeds.seeds(for: "livenessAfterPartition", defaultCount: 24) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            var options = Self.randomOptions(&random)
            options.clockSkewMax = .milliseconds(50)
            var simulation = ConsensusSimulation(seed: seed, options: options)
            simulation.run(untilSlot: 3)
            var groups = (0..<options.nodeCount).map { _ in Int(random.next() % 2) }
            groups[0] = 0
            groups[1] = 1
            simulation.simulator.partition(groups)
            let healSlot = 5 + random.next() % 4
            let heal = simulation.start(ofSlot: healSlot) + simulation.slot * random.nextFraction()
            simulation.simulator.heal(at: heal)
            simulation.simulator.run(until: heal)
            let target = (0..<options.nodeCount).map { simulation.simulator.nodes[$0].chain.head.height }.max()! + 1
            // Validators that locked apart during the partition may hold more than 1/3 of
            // the stake; then the height waits for the one with the newest lock to lead
            // and re-propose its batch with its polka. So the bound is the slot by which
            // every validator has led once after the heal.
            let bound = Self.slotByWhichEveryoneLed(after: healSlot, simulation: simulation, count: options.nodeCount) + 1
            simulation.run(until: Array(0..<options.nodeCount), commit: target, beforeSlot: bound)
            bounds.append(Double(bound) - (heal / simulation.slot))
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed): \(simulation.safetyFailures())")
            for node in 0..<options.nodeCount {
                guard let time = simulation.simulator.nodes[node].commitTimes[target] else {
                    tally.check(false, "seed \(seed): node \(node) did not reach height \(target) by slot \(bound)")
                    continue
                }
                delays.append((time - heal) / simulation.slot)
            }
        }
        tally.report()
        print("livenessAfterPartition: slots from the heal until each node commits a new height: "
              + "p50 \(Self.format(Self.percentile(delays, 0.5))), p99 \(Self.format(Self.percentile(delays, 0.99))), "
              + "max \(Self.format(delays.max() ?? .nan)); bound (one rotation) p50 \(Self.format(Self.percentile(bounds, 0.5)))")
    }

    /// The first slot after `slot` by which each of the `count` validators has led once.
    static func slotByWhichEveryoneLed(after slot: UInt64, simulation: ConsensusSimulation, count: Int) -> UInt64 {
        var waiting = Set(ConsensusFixtures.addresses.prefix(count))
        var current = slot
        while !waiting.isEmpty {
            current += 1
            waiting.remove(simulation.leader(current))
        }
        return current
    }

    @Test("liveness: a crashed leader costs only its own slots")
    func crashedLeader() {
        var tally = ConsensusSeedTally(test: "crashedLeader")
        for seed in ConsensusSeeds.seeds(for: "crashedLeader", defaultCount: 24) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            let options = Self.randomOptions(&random)
            let total = options.stakes.reduce(0, +)
            // The validator with the most stake that still holds less than 1/3.
            let crashed = options.stakes.indices.filter { options.stakes[$0] * 3 < total }
                .max { options.stakes[$0] < options.stakes[$1] }!
            var simulation = ConsensusSimulation(seed: seed, options: options)
            simulation.simulator.run(until: simulation.start(ofSlot: 3) + simulation.slot / 2)
            simulation.crash(crashed)
            simulation.run(untilSlot: 20)
            let live = (0..<options.nodeCount).filter { $0 != crashed }
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed)")
            for node in live {
                let decided = Set(simulation.simulator.nodes[node].chain.committed
                    .filter { $0.certificate.slot == $0.batch.header.body.slot }.map(\.certificate.slot))
                let allDecisions = Set(simulation.decisionSlots(node: node))
                for slot in UInt64(4)..<20 {
                    let ledByCrashed = simulation.leader(slot) == ConsensusFixtures.addresses[crashed]
                    tally.check(decided.contains(slot) == !ledByCrashed, "seed \(seed) node \(node) slot \(slot)")
                    tally.check(allDecisions.contains(slot) == !ledByCrashed, "seed \(seed) node \(node) slot \(slot)")
                }
            }
        }
        tally.report()
    }

    @Test("crash and restart: validators keep their signing state and lock, never sign twice, and rejoin")
    func crashAndRestart() {
        var tally = ConsensusSeedTally(test: "crashAndRestart")
        for seed in ConsensusSeeds.seeds(for: "crashAndRestart", defaultCount: 24) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            var options = Self.randomOptions(&random)
            options.link = LinkModel(latencyMin: .milliseconds(5), latencyMax: .milliseconds(80), lossProbability: 0.02)
            var simulation = ConsensusSimulation(seed: seed, options: options)
            Self.crashAndRestart(&simulation, slots: 1..<18, using: &random)
            let before = simulation.commonHeight(simulation.honest)
            simulation.run(untilSlot: 24)
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed): \(simulation.safetyFailures())")
            let heads = simulation.honest.map { simulation.simulator.nodes[$0].chain.head }
            let lowest = heads.map(\.height).min()!
            tally.check(heads.map(\.height).max()! - lowest <= 1, "seed \(seed): heads \(heads.map(\.height))")
            tally.check(lowest > before, "seed \(seed): no progress after the last restart")
            let roots = Set(simulation.honest.map { simulation.simulator.nodes[$0].chain.committed[Int(lowest) - 1].batch.header.body.stateRoot })
            tally.check(roots.count == 1, "seed \(seed): state roots differ at height \(lowest)")
        }
        tally.report()
    }

    @Test("stakes change at epoch boundaries (stake moves, validators join and leave), with crashes: all nodes agree on every height")
    func epochChanges() throws {
        var tally = ConsensusSeedTally(test: "epochChanges")
        for seed in ConsensusSeeds.seeds(for: "epochChanges", defaultCount: 8) {
            defer { tally.finish(seed: seed) }
            var random = SimulationRandom(seed: seed)
            var options = Options()
            options.nodeCount = 5
            let genesisStakes = ConsensusSeeds.stakes(count: 4, using: &random) + [0]
            var stakes = genesisStakes
            options.schedule = ConsensusSchedule.genesis(heightCount: 3, validators: Self.validators(stakes),
                                                         sequencers: Self.sequencers(stakes))
            var planned: [UInt64: [UInt64]] = [:]
            for number in UInt64(2)...16 {
                stakes = ConsensusSeeds.stakes(count: 5, using: &random)
                stakes[Int(random.next() % 5)] = 0
                planned[number] = stakes
            }
            let plan = planned
            options.epochPlan = { number in
                plan[number].map { (3, Self.validators($0), Self.sequencers($0)) }
            }
            var simulation = ConsensusSimulation(seed: seed, options: options)
            simulation.run(untilSlot: 10)
            Self.crashAndRestart(&simulation, slots: 10..<14, using: &random)
            simulation.run(untilSlot: 30)
            tally.check(simulation.safetyFailures().isEmpty, "seed \(seed): \(simulation.safetyFailures())")
            let nodes = Array(0..<options.nodeCount)
            let common = simulation.commonHeight(nodes)
            tally.check(common >= 12, "seed \(seed): only \(common) heights in 30 slots")
            let reference = simulation.simulator.nodes[0].chain
            for node in nodes {
                let chain = simulation.simulator.nodes[node].chain
                tally.check(chain.committed.prefix(Int(common)).map(\.batch.hash)
                            == reference.committed.prefix(Int(common)).map(\.batch.hash), "seed \(seed) node \(node)")
                // Epoch n covers heights 3n+1…3n+3 and has the planned stakes (genesis for 0 and 1).
                let failures = simulation.certificateFailures(node: node) { height in
                    let number = (height - 1) / 3
                    return Self.validators(number < 2 ? genesisStakes : plan[number] ?? plan[16]!)
                }
                tally.check(failures.isEmpty, "seed \(seed) node \(node): \(failures)")
                let height = min(chain.head.height, reference.head.height)
                tally.check(chain.schedule.epoch(forHeight: height) == reference.schedule.epoch(forHeight: height),
                            "seed \(seed) node \(node): the epochs differ")
            }
            tally.check(reference.schedule.latest.number >= 4, "seed \(seed): the run crossed several epochs")
        }
        tally.report()
    }

    static func validators(_ stakes: [UInt64]) -> ValidatorSet {
        ValidatorSet(members: stakes.enumerated().filter { $0.element > 0 }
            .map { (ConsensusFixtures.addresses[$0.offset], Amount($0.element)) })
    }

    static func sequencers(_ stakes: [UInt64]) -> [LeaderSchedule.Member] {
        stakes.enumerated().filter { $0.element > 0 }
            .map { LeaderSchedule.Member(address: ConsensusFixtures.addresses[$0.offset], power: Int64($0.element)) }
    }

    /// Crashes nodes at random points, several at once at times (now and then all of
    /// them), and restarts each one to three slots later; everything is up at the end.
    static func crashAndRestart(_ simulation: inout ConsensusSimulation, slots: Range<UInt64>, using random: inout SimulationRandom) {
        var restarts: [(slot: UInt64, node: Int)] = []
        for slot in slots {
            simulation.simulator.run(until: simulation.start(ofSlot: slot) + simulation.slot * random.nextFraction())
            for restart in restarts where restart.slot <= slot { simulation.restart(restart.node) }
            restarts.removeAll { $0.slot <= slot }
            let up = (0..<simulation.options.nodeCount).filter { simulation.simulator.nodes[$0].isUp }
            let victims: [Int]
            if random.nextFraction() < 0.08 {
                victims = up
            } else {
                victims = up.filter { _ in random.nextFraction() < 0.15 }
            }
            for node in victims {
                simulation.crash(node)
                restarts.append((slot + 1 + random.next() % 3, node))
            }
        }
        simulation.run(untilSlot: slots.upperBound)
        for restart in restarts { simulation.restart(restart.node) }
    }
}
