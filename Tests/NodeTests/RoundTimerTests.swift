import Foundation
import Testing
@testable import Node

/// `RoundTimer`: rounds on a serial queue at once and then every interval, until stopped.
@Suite("RoundTimer")
struct RoundTimerTests {
    /// A count shared with the rounds' queue.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func add() {
            lock.lock()
            count += 1
            lock.unlock()
        }

        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return count
        }
    }

    @Test("the first round runs at once, more follow, and none after stop returns")
    func rounds() {
        let timer = RoundTimer(label: "test.rounds")
        let tally = Tally()
        let milliseconds = timer.start(every: .milliseconds(20)) { tally.add() }
        #expect(milliseconds == 20)
        #expect(NodeCluster.wait(seconds: 5) { tally.value >= 3 })
        timer.stop()
        let stoppedAt = tally.value
        Thread.sleep(forTimeInterval: 0.1)
        #expect(tally.value == stoppedAt)
        timer.stop()
    }

    @Test("stop waits for a round in progress")
    func stopWaits() {
        let timer = RoundTimer(label: "test.wait")
        let started = Tally(), finished = Tally()
        timer.start(every: .seconds(60)) {
            started.add()
            Thread.sleep(forTimeInterval: 0.2)
            finished.add()
        }
        #expect(NodeCluster.wait(seconds: 5) { started.value == 1 })
        timer.stop()
        #expect(finished.value == 1)
    }

    @Test("an interval under a millisecond is one millisecond")
    func shortInterval() {
        let timer = RoundTimer(label: "test.short")
        #expect(timer.start(every: .microseconds(10)) {} == 1)
        timer.stop()
    }
}
