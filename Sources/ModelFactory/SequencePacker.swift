import LoRATraining

/// Packs examples, in the order given, into sequences of at most `sequenceLength` tokens:
/// an example joins the current sequence when it fits and starts a new one otherwise.
/// Examples are never split (the renderer already cut long documents into windows).
public enum SequencePacker {
    /// The packed sequences of `examples` (each at most `sequenceLength` tokens, programmer
    /// error otherwise), visiting them in `order` (indices into `examples`).
    public static func pack(_ examples: [TrainingExample], order: [Int], sequenceLength: Int) -> [PackedSequence] {
        var packed: [PackedSequence] = []
        var tokens: [Int] = [], mask: [Bool] = [], indices: [Int] = []
        func flush() {
            guard !tokens.isEmpty else { return }
            packed.append(PackedSequence(sequence: TrainingSequence(tokens: tokens, targetMask: mask), exampleIndices: indices))
            tokens = []
            mask = []
            indices = []
        }
        for index in order {
            let sequence = examples[index].sequence
            precondition(sequence.tokens.count <= sequenceLength, "examples are cut to the sequence length")
            if tokens.count + sequence.tokens.count > sequenceLength { flush() }
            tokens += sequence.tokens
            mask += sequence.targetMask
            indices.append(index)
        }
        flush()
        return packed
    }
}
