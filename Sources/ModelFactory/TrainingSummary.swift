/// What a finished job reports, for the ledger's TrainingResult transaction.
public struct TrainingSummary: Sendable, Equatable {
    /// SHA-256 of the configuration's canonical bytes.
    public let configurationIdentifier: [UInt8]
    /// BLAKE2b-256 of adapter_model.safetensors, the adapter bundle: the hash a TrainingResult
    /// and the blob stores name the adapter by.
    public let adapterHash: [UInt8]
    /// The size of the adapter bundle in bytes.
    public let adapterByteCount: Int
    /// Mean validation loss per target token before the first step and after the last
    /// (nil without validation data).
    public let validationLossBefore: Double?, validationLossAfter: Double?
    /// The gradient stores' Merkle roots, by step.
    public let gradientStoreRoots: [GradientStoreRoot]
    /// Tokens of the training and validation examples.
    public let trainingTokenCount: Int, validationTokenCount: Int
    /// Tokens processed over all steps (epochs count again).
    public let processedTokenCount: Int
    /// Optimizer steps run.
    public let steps: Int

    /// A summary.
    public init(configurationIdentifier: [UInt8], adapterHash: [UInt8], adapterByteCount: Int,
                validationLossBefore: Double?, validationLossAfter: Double?, gradientStoreRoots: [GradientStoreRoot],
                trainingTokenCount: Int, validationTokenCount: Int, processedTokenCount: Int, steps: Int) {
        self.configurationIdentifier = configurationIdentifier
        self.adapterHash = adapterHash
        self.adapterByteCount = adapterByteCount
        self.validationLossBefore = validationLossBefore
        self.validationLossAfter = validationLossAfter
        self.gradientStoreRoots = gradientStoreRoots
        self.trainingTokenCount = trainingTokenCount
        self.validationTokenCount = validationTokenCount
        self.processedTokenCount = processedTokenCount
        self.steps = steps
    }

    /// The summary as JSON (sorted keys, no whitespace, hashes in hexadecimal), written to
    /// the job folder as summary.json.
    public var json: [UInt8] {
        CanonicalJSON.object([
            "configuration_sha256": .string(DatanetDocument.hex(configurationIdentifier)),
            "adapter_blake2b": .string(DatanetDocument.hex(adapterHash)),
            "adapter_bytes": .integer(Int64(adapterByteCount)),
            "validation_loss_before": validationLossBefore.map { .number($0) } ?? .null,
            "validation_loss_after": validationLossAfter.map { .number($0) } ?? .null,
            "gradient_store_roots": .array(gradientStoreRoots.map {
                .object(["step": .integer(Int64($0.step)), "root": .string(DatanetDocument.hex($0.root))])
            }),
            "training_tokens": .integer(Int64(trainingTokenCount)),
            "validation_tokens": .integer(Int64(validationTokenCount)),
            "processed_tokens": .integer(Int64(processedTokenCount)),
            "steps": .integer(Int64(steps)),
        ]).bytes
    }
}
