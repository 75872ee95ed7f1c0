@testable import InferenceAPI
import Testing
import TestSupport

@Suite struct StopTextMatcherTests {
    @Test func textBeforeTheStopStringIsReleasedAndTheRestDropped() {
        var matcher = StopTextMatcher(["END", "\n\n"])
        #expect(matcher.append("Hello E") == "Hello ")
        #expect(matcher.append("N") == "")
        #expect(matcher.append("Dless") == "")
        #expect(matcher.hasMatched)
        #expect(matcher.flush() == "")
    }

    @Test func heldTextIsReleasedWhenItStopsLookingLikeAStop() {
        var matcher = StopTextMatcher(["END"])
        #expect(matcher.append("aE") == "a")
        #expect(matcher.append("Nx") == "ENx")
        #expect(matcher.append("E") == "")
        #expect(matcher.flush() == "E")
    }

    /// Property: however the text is split, the released text is the text before the first
    /// stop string (or all of it).
    @Test func splitsDoNotChangeTheResult() {
        var random = SeededGenerator.make(for: "StopTextMatcher.splits")
        for _ in 0..<500 {
            let text = random.text(from: "abé✓ \n", maximumCount: 30)
            let stops = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                "x" + random.text(from: "abé✓ \n", maximumCount: 3)
            }.map { String($0.dropFirst()) }.filter { !$0.isEmpty }
            var expected = text
            let cuts = stops.compactMap { text.utf8.firstRange(of: Array($0.utf8))?.lowerBound }
            if let cut = cuts.min() { expected = String(text.utf8[..<cut])! }
            var matcher = StopTextMatcher(stops)
            var released = ""
            var rest = Substring(text)
            while !rest.isEmpty {
                let piece = rest.prefix(Int.random(in: 1...4, using: &random))
                released += matcher.append(String(piece))
                rest = rest.dropFirst(piece.count)
            }
            released += matcher.flush()
            #expect(released == expected, "text \(text.debugDescription), stops \(stops)")
        }
    }
}
