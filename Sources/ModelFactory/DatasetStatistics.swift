/// What became of a Datanet version's documents.
public struct DatasetStatistics: Sendable, Equatable {
    /// Documents given.
    public var documentCount = 0
    /// Documents dropped because an earlier one had the same content hash.
    public var duplicateDocumentCount = 0
    /// Documents with no usable text (not UTF-8, blank, or nothing to predict).
    public var unusableDocumentCount = 0
    /// Documents in the training and validation splits.
    public var trainingDocumentCount = 0, validationDocumentCount = 0
    /// Tokens and target tokens of the training examples.
    public var trainingTokenCount = 0, trainingTargetCount = 0
    /// Tokens and target tokens of the validation examples.
    public var validationTokenCount = 0, validationTargetCount = 0

    /// Empty statistics.
    public init() {}
}
