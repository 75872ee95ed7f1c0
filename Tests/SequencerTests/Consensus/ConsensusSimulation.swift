import Foundation
import Ledger
import Simulation
@testable import Sequencer

/// A seeded run of N validators over a full mesh in the simulator, with the faults a
/// scenario injects between slots, and the checks every scenario shares.
struct ConsensusSimulation {
    struct Options {
        var nodeCount = 4
        var stakes: [UInt64] = [1, 1, 1, 1]
        var byzantine: Set<Int> = []
        var link = LinkModel(latencyMin: .milliseconds(5), latencyMax: .milliseconds(50))
        var slotMilliseconds: UInt64 = 1_000
        /// Each node's clock runs ahead by up to this much.
        var clockSkewMax: Duration = .milliseconds(20)
        /// The epochs at genesis; nil: one endless epoch of `stakes`.
        var schedule: ConsensusSchedule?
        /// The sets of later epochs (see `InMemoryBatchExecutor.EpochPlan`).
        var epochPlan: InMemoryBatchExecutor.EpochPlan?
    }

    let options: Options
    let configuration: ConsensusConfiguration
    let record: ConsensusSimulationRecord
    var simulator: Simulator<SimulatedConsensusNode>
    var random: SimulationRandom

    var slot: Duration { .milliseconds(Int64(options.slotMilliseconds)) }

    init(seed: UInt64, options: Options) {
        self.options = options
        configuration = ConsensusFixtures.configuration(slotMilliseconds: options.slotMilliseconds)
        record = ConsensusSimulationRecord(chainID: ConsensusFixtures.chainID)
        var random = SimulationRandom(seed: seed)
        var nodes: [SimulatedConsensusNode] = []
        for index in 0..<options.nodeCount {
            var executor = InMemoryBatchExecutor(
                genesisHash: ConsensusFixtures.genesisHash, genesisStateRoot: ConsensusFixtures.genesisStateRoot,
                transactionsPerBatchMax: 2, schedule: options.schedule ?? ConsensusFixtures.schedule(stakes: options.stakes),
                epochPlan: options.epochPlan)
            for transaction in ConsensusFixtures.transactions where random.nextFraction() < 0.5 {
                executor.offer(transaction)
            }
            let skew = options.clockSkewMax * random.nextFraction()
            nodes.append(SimulatedConsensusNode(
                index: index, key: ConsensusFixtures.keys[index],
                behaviour: options.byzantine.contains(index) ? .byzantine : .honest,
                configuration: configuration, executor: executor, clockOffset: skew, record: record, random: random.split()))
        }
        for index in nodes.indices { nodes[index].peers = nodes.indices.filter { $0 != index } }
        simulator = Simulator(nodes: nodes, seed: random.next())
        for first in nodes.indices {
            for second in nodes.indices where second > first { simulator.connect(first, second, model: options.link) }
        }
        self.random = random
        for index in nodes.indices { simulator.perform(on: index) { node, now in node.boot(now: now) } }
    }

    var honest: [Int] { (0..<options.nodeCount).filter { !options.byzantine.contains($0) } }

    /// The time slot `slot` starts in simulation time (slot 0 starts at 0).
    func start(ofSlot slot: UInt64) -> Duration { self.slot * Int(slot) }

    mutating func run(untilSlot slot: UInt64) {
        simulator.run(until: start(ofSlot: slot))
    }

    /// Runs slot by slot from the current time until every node of `nodes` committed
    /// `height`, or until `bound` starts.
    mutating func run(until nodes: [Int], commit height: UInt64, beforeSlot bound: UInt64) {
        var slot = UInt64(simulator.now / self.slot) + 1
        while slot <= bound, !nodes.allSatisfy({ simulator.nodes[$0].commitTimes[height] != nil }) {
            run(untilSlot: slot)
            slot += 1
        }
    }

    mutating func crash(_ node: Int) {
        simulator.perform(on: node) { node, _ in
            node.crash()
            return []
        }
    }

    mutating func restart(_ node: Int) {
        simulator.perform(on: node) { node, now in node.boot(now: now) }
    }

    // MARK: Checks

    /// Failures of safety: two honest nodes with different batches at one height, a
    /// certificate that does not decide its batch, or an honest double signature.
    func safetyFailures() -> [String] {
        var failures = record.doubleSignatures
        var decided: [UInt64: (node: Int, hash: [UInt8])] = [:]
        for node in honest {
            for entry in simulator.nodes[node].chain.committed {
                let height = entry.batch.header.body.height
                let hash = entry.batch.hash
                if entry.certificate.batchHash != hash || entry.certificate.height != height {
                    failures.append("node \(node) holds a certificate for another batch at height \(height)")
                }
                if let earlier = decided[height], earlier.hash != hash {
                    failures.append("nodes \(earlier.node) and \(node) decided different batches at height \(height)")
                }
                decided[height] = decided[height] ?? (node, hash)
            }
        }
        return failures
    }

    /// Every certificate of `node`'s chain verified from scratch, against the validators of
    /// its height (by default those of the node's schedule).
    func certificateFailures(node: Int, validators: ((UInt64) -> ValidatorSet?)? = nil) -> [String] {
        let chain = simulator.nodes[node].chain
        let validatorsOfHeight = validators ?? { chain.schedule.validators(forHeight: $0) }
        return chain.committed.compactMap { entry in
            guard let validators = validatorsOfHeight(entry.certificate.height) else {
                return "height \(entry.certificate.height): its epoch is not kept"
            }
            return entry.certificate.verificationFailure(validators: validators, chainID: configuration.chainID)
                .map { "height \(entry.certificate.height): \($0)" }
        }
    }

    /// The leader of `slot` in the schedule that holds for the whole run (one endless epoch).
    func leader(_ slot: UInt64) -> AccountAddress {
        simulator.nodes[0].chain.schedule.leader(height: 1, slot: slot)!
    }

    /// The highest height every node in `nodes` committed.
    func commonHeight(_ nodes: [Int]) -> UInt64 {
        nodes.map { simulator.nodes[$0].chain.head.height }.min() ?? 0
    }

    /// The decision slot of each height of `node`'s chain.
    func decisionSlots(node: Int) -> [UInt64] {
        simulator.nodes[node].chain.committed.map(\.certificate.slot)
    }

    /// For each height `node` committed: how long after its batch's slot started, in slots.
    func finalityDelays(node: Int) -> [Double] {
        let state = simulator.nodes[node]
        return state.chain.committed.compactMap { entry in
            guard let time = state.commitTimes[entry.batch.header.body.height] else { return nil }
            let started = start(ofSlot: entry.batch.header.body.slot)
            return (time - started) / slot
        }
    }
}

/// Seeds for the simulation tests: `OLN_CONSENSUS_SEEDS` runs (default `defaultCount`)
/// from `OLN_CONSENSUS_SEED` (default: drawn at random), printed for replay.
enum ConsensusSeeds {
    static func seeds(for test: String, defaultCount: Int) -> [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["OLN_CONSENSUS_SEEDS"].flatMap { Int($0) } ?? defaultCount
        let base = environment["OLN_CONSENSUS_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...(UInt64.max / 2))
        print("\(test): \(count) seeds from \(base) (replay one with OLN_CONSENSUS_SEED=<seed> OLN_CONSENSUS_SEEDS=1)")
        return (0..<UInt64(count)).map { base &+ $0 }
    }

    /// `count` stakes in 1...100 from `random`.
    static func stakes(count: Int, using random: inout SimulationRandom) -> [UInt64] {
        (0..<count).map { _ in 1 + random.next() % 100 }
    }
}
