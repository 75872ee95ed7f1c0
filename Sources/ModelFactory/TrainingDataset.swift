import Tokenizers

/// A Datanet version made ready for training: documents sorted by content hash (so the
/// result does not depend on the order they were listed in), split by `DatasetSplit`,
/// rendered by `ExampleRenderer`; the training examples shuffled by the seed and packed into
/// sequences, the validation examples packed in order.
public struct TrainingDataset: Sendable {
    /// Upper bounds on a Datanet version.
    public enum Limits {
        /// The most documents.
        public static let documentCountMax = 1 << 24
        /// The most examples (windows and rows) in either split.
        public static let exampleCountMax = 1 << 24
    }

    /// Training examples in canonical order (documents by content hash, then order within
    /// the document); gradient stores index into this list.
    public let trainingExamples: [TrainingExample]
    /// Validation examples in the same order.
    public let validationExamples: [TrainingExample]
    /// The packed training sequences (a seeded shuffle of the examples, then packing).
    public let trainingSequences: [PackedSequence]
    /// The packed validation sequences.
    public let validationSequences: [PackedSequence]
    /// Counts.
    public let statistics: DatasetStatistics

    /// The dataset of `documents`. Throws for an empty Datanet, one without usable text,
    /// one whose usable documents all fell into validation, a row longer than the sequence
    /// length, or more documents or examples than `Limits` allow.
    public init(documents: [DatanetDocument], renderer: ExampleRenderer, split: DatasetSplit) throws(ModelFactoryError) {
        guard !documents.isEmpty else {
            throw ModelFactoryError(.invalidData, "the Datanet version has no documents; add documents before training")
        }
        guard documents.count <= Limits.documentCountMax else {
            throw ModelFactoryError(.limitExceeded, "the Datanet version has \(documents.count) documents; the limit is "
                                    + "\(Limits.documentCountMax)")
        }
        var statistics = DatasetStatistics()
        statistics.documentCount = documents.count
        var training: [TrainingExample] = [], validation: [TrainingExample] = []
        var previous: [UInt8]?
        for document in documents.sorted(by: { $0.contentHash.lexicographicallyPrecedes($1.contentHash) }) {
            if document.contentHash == previous {
                statistics.duplicateDocumentCount += 1
                continue
            }
            previous = document.contentHash
            let examples = try renderer.examples(of: document)
            guard !examples.isEmpty else {
                statistics.unusableDocumentCount += 1
                continue
            }
            let isValidation = split.isValidation(document.contentHash)
            if isValidation { validation += examples } else { training += examples }
            statistics.validationDocumentCount += isValidation ? 1 : 0
            statistics.trainingDocumentCount += isValidation ? 0 : 1
            guard training.count <= Limits.exampleCountMax, validation.count <= Limits.exampleCountMax else {
                throw ModelFactoryError(.limitExceeded, "the Datanet version yields more than \(Limits.exampleCountMax) "
                                        + "examples; train on a smaller version")
            }
        }
        try Self.requireTraining(training, validation, statistics)
        Self.count(training, &statistics.trainingTokenCount, &statistics.trainingTargetCount)
        Self.count(validation, &statistics.validationTokenCount, &statistics.validationTargetCount)
        let length = renderer.sequenceLength
        trainingExamples = training
        validationExamples = validation
        trainingSequences = SequencePacker.pack(training, order: Self.shuffledOrder(training.count, seed: split.seed),
                                                sequenceLength: length)
        validationSequences = SequencePacker.pack(validation, order: Array(validation.indices), sequenceLength: length)
        self.statistics = statistics
    }

    /// The dataset `configuration` describes, rendered with `tokenizer` (and `template`).
    public init(documents: [DatanetDocument], tokenizer: Tokenizer, template: ChatTemplate? = nil,
                configuration: TrainingConfiguration) throws(ModelFactoryError) {
        try self.init(documents: documents,
                      renderer: ExampleRenderer(tokenizer: tokenizer, template: template,
                                                sequenceLength: configuration.sequenceLength),
                      split: DatasetSplit(validationFraction: configuration.validationFraction, seed: configuration.seed))
    }

    private static func requireTraining(_ training: [TrainingExample], _ validation: [TrainingExample],
                                        _ statistics: DatasetStatistics) throws(ModelFactoryError) {
        if training.isEmpty && validation.isEmpty {
            throw ModelFactoryError(.invalidData, "none of the Datanet version's \(statistics.documentCount) documents has "
                                    + "usable text (UTF-8 text or prompt/response rows with a token to predict)")
        }
        if training.isEmpty {
            throw ModelFactoryError(.invalidData, "all \(statistics.validationDocumentCount) usable documents fell into the "
                                    + "validation split; lower the validation fraction or add documents")
        }
    }

    private static func count(_ examples: [TrainingExample], _ tokens: inout Int, _ targets: inout Int) {
        for example in examples {
            tokens += example.tokenCount
            targets += example.sequence.targetCount
        }
    }

    /// The examples' packing order: a seeded permutation.
    static func shuffledOrder(_ count: Int, seed: UInt64) -> [Int] {
        SeededPermutation.make(count: count, seed: SeedMixer.mix(seed, .exampleShuffle, 0))
    }
}
