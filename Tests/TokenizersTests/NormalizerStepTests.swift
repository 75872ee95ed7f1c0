import Testing
@testable import Tokenizers

/// The normalizer steps (Llama-2's Prepend and Replace).
@Suite struct NormalizerStepTests {
    @Test func prependSkipsEmptyText() {
        #expect(NormalizerStep.prepend("▁").apply(to: "a") == "▁a")
        #expect(NormalizerStep.prepend("▁").apply(to: "") == "")
    }

    @Test func replaceWorksOnBytes() {
        let step = NormalizerStep.replace(pattern: " ", content: "▁")
        #expect(step.apply(to: " a  b ") == "▁a▁▁b▁")
        #expect(NormalizerStep.replace(pattern: "e", content: "x").apply(to: "e\u{301}e") == "x\u{301}x")
        #expect(NormalizerStep.replace(pattern: "aa", content: "b").apply(to: "aaa") == "ba")
        #expect(NormalizerStep.replace(pattern: "", content: "b").apply(to: "a") == "a")
    }
}
