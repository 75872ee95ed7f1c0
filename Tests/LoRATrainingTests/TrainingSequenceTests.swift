import Testing
import LoRATraining

@Suite("TrainingSequence")
struct TrainingSequenceTests {
    @Test("a plain document predicts every token after the first")
    func document() {
        let sequence = TrainingSequence(tokens: [5, 6, 7])
        #expect(sequence.targetMask == [false, true, true])
        #expect(sequence.targetCount == 2)
    }

    @Test("a masked prompt counts only the completion")
    func masked() {
        let sequence = TrainingSequence(tokens: [1, 2, 3, 4], targetMask: [false, false, true, true])
        #expect(sequence.targetCount == 2)
    }
}
