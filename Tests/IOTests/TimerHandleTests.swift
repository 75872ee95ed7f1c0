import IO
import Testing

@Suite("TimerHandle")
struct TimerHandleTests {
    @Test("timers fire in deadline order, equal deadlines in scheduling order, cancelled ones never")
    func order() throws {
        try withRunningLoop { loop in
            let fired = Shared<[String]>([])
            let done = Signal()
            loop.post {
                let record = { (name: String) in { fired.withLock { $0.append(name) } } }
                loop.scheduleTimer(after: .milliseconds(30)) {
                    record("30ms")()
                    done.fire()
                }
                loop.scheduleTimer(after: .milliseconds(10), record("10ms first"))
                let cancelled = loop.scheduleTimer(after: .milliseconds(5), record("cancelled"))
                loop.scheduleTimer(after: .milliseconds(20), record("20ms"))
                loop.scheduleTimer(after: .milliseconds(10), record("10ms second"))
                loop.scheduleTimer(after: .zero, record("zero"))
                cancelled.cancel()
                cancelled.cancel()
                #expect(!cancelled.isActive)
            }
            #expect(done.wait())
            #expect(fired.value == ["zero", "10ms first", "10ms second", "20ms", "30ms"])
        }
    }

    @Test("a repeating timer fires until it cancels itself; a one-shot timer becomes inactive")
    func repeating() throws {
        try withRunningLoop { loop in
            let state = Shared((count: 0, oneShotActiveAfterFiring: true))
            let done = Signal()
            loop.post {
                var repeating: TimerHandle?
                repeating = loop.scheduleTimer(after: .milliseconds(1), repeating: .milliseconds(2)) {
                    let count = state.withLock { state in
                        state.count += 1
                        return state.count
                    }
                    if count == 3 {
                        repeating?.cancel()
                        repeating = nil
                        done.fire()
                    }
                }
                var oneShot: TimerHandle?
                oneShot = loop.scheduleTimer(after: .zero) {
                    let active = oneShot?.isActive ?? true
                    state.withLock { $0.oneShotActiveAfterFiring = active }
                    oneShot = nil
                }
            }
            #expect(done.wait())
            _ = try loop.sync {}
            #expect(state.value.count == 3)
            #expect(state.value.oneShotActiveAfterFiring == false)
        }
    }
}
