import Testing
@testable import Simulation

@Suite("SimulationRandom")
struct SimulationRandomTests {
    @Test("a seed gives a fixed sequence")
    func reproducible() {
        var first = SimulationRandom(seed: 2026), second = SimulationRandom(seed: 2026)
        let a = (0..<100).map { _ in first.next() }, b = (0..<100).map { _ in second.next() }
        #expect(a == b)
        var other = SimulationRandom(seed: 2027)
        #expect(a != (0..<100).map { _ in other.next() })
    }

    @Test("fractions lie in 0..<1 and average near one half")
    func fractions() {
        var random = SimulationRandom(seed: 7)
        let values = (0..<100_000).map { _ in random.nextFraction() }
        #expect(values.allSatisfy { (0..<1).contains($0) })
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - 0.5) < 0.01)
    }
}
