import Testing
@testable import OpenLoRA

/// Tokens that might begin a stop sequence are held back; a matched sequence is never released.
@Suite struct StopSequenceMatcherTests {
    @Test func holdsBackPartialMatchesAndDropsTheMatch() {
        var matcher = StopSequenceMatcher([[7, 8, 9], [8, 5]])
        #expect(Array(matcher.append(1).released) == [1])
        #expect(Array(matcher.append(7).released) == [])   // 7 may begin [7, 8, 9]
        #expect(Array(matcher.append(8).released) == [])   // 7 8 may continue; 8 may begin [8, 5]
        let (released, matched) = matcher.append(5)        // [8, 5] matches: 7 is released, 8 5 dropped
        #expect(Array(released) == [7] && matched == [8, 5])
    }

    @Test func releasesWhenAPartialMatchBreaks() {
        var matcher = StopSequenceMatcher([[7, 8, 9]])
        _ = matcher.append(7)
        _ = matcher.append(8)
        let (released, matched) = matcher.append(4)
        #expect(Array(released) == [7, 8, 4] && matched == nil)
        _ = matcher.append(7)
        #expect(Array(matcher.flush()) == [7])
    }

    @Test func everyTokenIsReleasedOnceWithoutStopSequences() {
        var matcher = StopSequenceMatcher([])
        var released: [Int] = []
        for token in [3, 1, 4, 1, 5] { released += matcher.append(token).released }
        released += matcher.flush()
        #expect(released == [3, 1, 4, 1, 5])
    }
}
