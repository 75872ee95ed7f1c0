import Foundation
import IO
import Testing

@Suite("IdleHandle")
struct IdleHandleTests {
    @Test("slices run one per iteration until one returns false, and a timer due meanwhile fires between them")
    func slicesLeaveRoomForTimers() throws {
        try withRunningLoop { loop in
            let events = Shared<[String]>([])
            let done = Signal()
            loop.post {
                var timerFired = false
                loop.scheduleTimer(after: .milliseconds(5)) {
                    timerFired = true
                    events.withLock { $0.append("timer") }
                }
                let handle = loop.scheduleSlices {
                    events.withLock { $0.append("slice") }
                    Thread.sleep(forTimeInterval: 0.001)
                    // Three more slices after the timer, to show they were not held up.
                    let more = !timerFired || events.value.suffix(3).contains("timer")
                    if !more { done.fire() }
                    return more
                }
                #expect(handle.isActive)
            }
            #expect(done.wait())
            let recorded = events.value
            let timer = try #require(recorded.firstIndex(of: "timer"))
            #expect(timer > 0, "slices ran before the timer was due")
            #expect(recorded.count == timer + 4, "the slices went on after the timer and stopped when told")
        }
    }

    @Test("a cancelled handle runs no more slices; cancelling twice is harmless")
    func cancelStops() throws {
        try withRunningLoop { loop in
            let count = Shared(0)
            let done = Signal()
            loop.post {
                var handle: IdleHandle?
                handle = loop.scheduleSlices {
                    let slices = count.withLock { value in
                        value += 1
                        return value
                    }
                    if slices == 3 {
                        handle?.cancel()
                        handle?.cancel()
                        #expect(handle?.isActive == false)
                        loop.scheduleTimer(after: .milliseconds(20)) { done.fire() }
                    }
                    return true
                }
            }
            #expect(done.wait())
            #expect(count.value == 3)
        }
    }
}
