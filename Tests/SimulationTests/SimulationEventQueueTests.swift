import Testing
@testable import Simulation

@Suite("SimulationEventQueue")
struct SimulationEventQueueTests {
    @Test("events come out by time, ties in insertion order (seeded, against a stable sort)")
    func ordering() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("SimulationEventQueueTests.ordering seed \(seed)")
        var random = SimulationRandom(seed: seed)
        for _ in 0..<50 {
            var queue = SimulationEventQueue<Int>()
            var expected: [(Duration, Int)] = []
            for index in 0..<200 {
                let time = Duration.milliseconds(Int(random.next() % 20))
                queue.push(index, at: time)
                expected.append((time, index))
            }
            expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var popped: [(Duration, Int)] = []
            while let (time, event) = queue.pop() { popped.append((time, event)) }
            #expect(popped.map(\.1) == expected.map(\.1), "seed \(seed)")
        }
    }
}
