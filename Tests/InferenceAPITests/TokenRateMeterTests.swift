@testable import InferenceAPI
import Testing

@Suite struct TokenRateMeterTests {
    @Test func rateAveragesTheWholeSecondsBeforeNow() {
        let meter = TokenRateMeter()
        meter.record(30, now: .milliseconds(500))
        meter.record(20, now: .milliseconds(1_500))
        meter.record(99, now: .milliseconds(2_100))  // the current second is not counted yet
        #expect(meter.rate(now: .milliseconds(2_200)) == 5)
        #expect(meter.rate(now: .seconds(30)) == 0)
    }
}
