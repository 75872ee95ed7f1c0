import LoRATraining

/// A training sequence made of whole examples laid end to end, and which examples they are.
/// Each example keeps its own mask, so the first token of every example is not a target:
/// nothing is predicted across a document boundary.
public struct PackedSequence: Sendable, Equatable {
    /// The tokens and targets.
    public let sequence: TrainingSequence
    /// The indices of the examples it holds, in order (into the dataset's example list).
    public let exampleIndices: [Int]

    /// A packed sequence.
    public init(sequence: TrainingSequence, exampleIndices: [Int]) {
        self.sequence = sequence
        self.exampleIndices = exampleIndices
    }
}
