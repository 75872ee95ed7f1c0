import Testing
@testable import Sequencer

@Suite("SlotClock")
struct SlotClockTests {
    let clock = SlotClock(genesisSeconds: 1_000, slotMilliseconds: 2_000)

    @Test("slot 0 starts at genesis; slots are half-open intervals")
    func slots() {
        #expect(clock.slot(atMilliseconds: 999_999) == nil)
        #expect(clock.slot(atMilliseconds: 1_000_000) == 0)
        #expect(clock.slot(atMilliseconds: 1_001_999) == 0)
        #expect(clock.slot(atMilliseconds: 1_002_000) == 1)
        #expect(clock.startMilliseconds(of: 5) == 1_010_000)
        #expect(clock.batchTime(of: 5) == 1_010)
    }

    @Test("far slots saturate instead of overflowing")
    func saturation() {
        #expect(clock.startMilliseconds(of: .max) == .max)
    }
}
