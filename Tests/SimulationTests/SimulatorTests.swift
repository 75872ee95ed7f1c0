import Testing
@testable import Simulation

@Suite("Simulator")
struct SimulatorTests {
    static let fixed = LinkModel(latencyMin: .milliseconds(10), latencyMax: .milliseconds(10))

    @Test("a flood over a ring arrives after hop count × latency")
    func ringLatency() {
        var simulator = Simulator.ring(count: 10, model: Self.fixed, seed: 1)
        simulator.perform(on: 0) { node, now in node.publish(7, now: now) }
        simulator.runUntilIdle(limit: .seconds(10))
        for node in 0..<10 {
            let hops = min(node, 10 - node)
            #expect(simulator.nodes[node].firstArrival[7] == .milliseconds(10 * hops))
        }
        #expect(simulator.statistics.messagesLost == 0)
        #expect(simulator.statistics.messagesDelivered == simulator.statistics.messagesSent)
    }

    @Test("the same seed gives the same run; another seed another")
    func deterministic() {
        func run(seed: UInt64) -> ([Duration?], SimulationStatistics) {
            let model = LinkModel(latencyMin: .milliseconds(20), latencyMax: .milliseconds(100), lossProbability: 0.05)
            var simulator = Simulator.ring(count: 30, model: model, seed: seed)
            for id in 0..<20 {
                simulator.perform(on: id) { node, now in node.publish(UInt8(id), now: now) }
                simulator.run(until: simulator.now + .milliseconds(7))
            }
            simulator.runUntilIdle(limit: .seconds(60))
            return (simulator.nodes.map { $0.firstArrival[3] }, simulator.statistics)
        }
        let first = run(seed: 42), second = run(seed: 42), other = run(seed: 43)
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(first.0 != other.0 || first.1 != other.1)
    }

    @Test("messages on one link arrive in the order sent, whatever their drawn latency")
    func fifoLinks() {
        let model = LinkModel(latencyMin: .milliseconds(1), latencyMax: .milliseconds(200))
        var simulator = Simulator(nodes: [FloodNode(), FloodNode()], seed: 9)
        simulator.connect(0, 1, model: model)
        simulator.perform(on: 0) { _, _ in (0..<200).map { .send([UInt8($0)], to: 1) } }
        simulator.runUntilIdle(limit: .seconds(10))
        let order = simulator.nodes[1].received.map { $0.message[0] }
        #expect(order == (0..<200).map { UInt8($0) })
        let times = simulator.nodes[1].received.map(\.at)
        #expect(times == times.sorted())
    }

    @Test("bandwidth spaces messages out: 10 × 1000 bytes at 10 kB/s take a second")
    func bandwidth() {
        let model = LinkModel(latencyMin: .zero, latencyMax: .zero, bandwidth: 10_000)
        var simulator = Simulator(nodes: [FloodNode(), FloodNode()], seed: 3)
        simulator.connect(0, 1, model: model)
        simulator.perform(on: 0) { _, _ in (0..<10).map { _ in .send([UInt8](repeating: 1, count: 1000), to: 1) } }
        simulator.runUntilIdle(limit: .seconds(10))
        #expect(simulator.nodes[1].received.last?.at == .seconds(1))
        #expect(simulator.statistics.bytesSent[0] == 10_000)
    }

    @Test("an uplink is shared: 1000 bytes to each of two peers at 10 kB/s leave one after the other")
    func uplinkIsShared() {
        var simulator = Simulator(nodes: [UplinkNode(), UplinkNode(), UplinkNode()], seed: 4)
        let model = LinkModel(latencyMin: .milliseconds(5), latencyMax: .milliseconds(5))
        simulator.connect(0, 1, model: model)
        simulator.connect(0, 2, model: model)
        simulator.setUplink(of: 0, bandwidth: 10_000)
        let payload = [UInt8](repeating: 7, count: 1000)
        simulator.perform(on: 0) { _, _ in [.send(payload, to: 1), .send(payload, to: 2), .notifyWhenUplinkIdle, .notifyWhenUplinkIdle] }
        simulator.runUntilIdle(limit: .seconds(10))
        #expect(simulator.nodes[1].arrivals.map(\.at) == [.milliseconds(105)])
        #expect(simulator.nodes[2].arrivals.map(\.at) == [.milliseconds(205)])
        #expect(simulator.nodes[0].idleTimes == [.milliseconds(200)], "asked twice, told once, when all has left")
    }

    @Test("an idle uplink is reported at once; sends made after the request push the report back")
    func uplinkIdleNotification() {
        var simulator = Simulator(nodes: [UplinkNode(), UplinkNode()], seed: 4)
        simulator.connect(0, 1, model: LinkModel(latencyMin: .zero, latencyMax: .zero))
        simulator.setUplink(of: 0, bandwidth: 1000)
        simulator.perform(on: 0) { _, _ in [.notifyWhenUplinkIdle] }
        simulator.perform(on: 0) { _, _ in [.send([UInt8](repeating: 1, count: 500), to: 1)] }
        simulator.runUntilIdle(limit: .seconds(10))
        #expect(simulator.nodes[0].idleTimes == [.milliseconds(500)])
        simulator.perform(on: 0) { _, _ in [.notifyWhenUplinkIdle] }
        simulator.runUntilIdle(limit: .seconds(10))
        #expect(simulator.nodes[0].idleTimes == [.milliseconds(500), .milliseconds(500)])
    }

    @Test("loss drops about the configured fraction (seeded; 10% ± 1.5% of 10,000)")
    func loss() {
        let model = LinkModel(latencyMin: .milliseconds(1), latencyMax: .milliseconds(1), lossProbability: 0.1)
        var simulator = Simulator(nodes: [FloodNode(), FloodNode()], seed: 11)
        simulator.connect(0, 1, model: model)
        simulator.perform(on: 0) { _, _ in (0..<10_000).map { _ in .send([0], to: 1) } }
        simulator.runUntilIdle(limit: .seconds(10))
        let lost = simulator.statistics.messagesLost
        #expect((850...1150).contains(lost), "lost \(lost)")
        #expect(simulator.nodes[1].received.count == 10_000 - lost)
    }

    @Test("a partition cuts messages between groups until it heals; a down node gets nothing")
    func partitionsAndChurn() {
        var simulator = Simulator.ring(count: 6, model: Self.fixed, seed: 5)
        simulator.partition([0, 0, 0, 1, 1, 1])
        simulator.perform(on: 1) { node, now in node.publish(1, now: now) }
        simulator.runUntilIdle(limit: .seconds(1))
        #expect((0..<3).allSatisfy { simulator.nodes[$0].firstArrival[1] != nil })
        #expect((3..<6).allSatisfy { simulator.nodes[$0].firstArrival[1] == nil })
        #expect(simulator.statistics.messagesCut > 0)

        simulator.heal(at: .seconds(2))
        simulator.takeDown(4, at: .seconds(2), until: .seconds(5))
        simulator.run(until: .seconds(3))
        simulator.perform(on: 0) { node, now in node.publish(2, now: now) }
        simulator.runUntilIdle(limit: .seconds(4))
        #expect(simulator.nodes[4].firstArrival[2] == nil)
        #expect([3, 5].allSatisfy { simulator.nodes[$0].firstArrival[2] != nil })
    }

    @Test("timers fire at their time, in the order set for equal times")
    func timers() {
        var simulator = Simulator(nodes: [FloodNode()], seed: 1)
        simulator.perform(on: 0) { _, _ in [.setTimer(1, after: .seconds(2)), .setTimer(2, after: .seconds(1)), .setTimer(3, after: .seconds(2))] }
        simulator.runUntilIdle(limit: .seconds(10))
        #expect(simulator.nodes[0].timersFired.map(\.0) == [2, 1, 3])
        #expect(simulator.nodes[0].timersFired.map(\.1) == [.seconds(1), .seconds(2), .seconds(2)])
    }
}
