import OpenLoRA

/// Everything that decides a fine-tuning run: the adapter's shape, the optimiser, the
/// schedule, the batch, the data split, checkpoints and the gradient store. Two runs with
/// equal configurations, data, base model and objective produce bit-identical adapters;
/// `identifier` (SHA-256 of `canonicalBytes`) names a configuration in checkpoints and on
/// the ledger.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The LoRA rank r.
    public var rank: Int = 8
    /// `lora_alpha`: the update is scaled by α / r (or α / √r).
    public var alpha: Double = 16
    /// The projections that get an adapter.
    public var targetModules: LoRAModuleSelection = .names(["q_proj", "v_proj"])
    /// Scale by α / √r (rsLoRA) instead of α / r.
    public var usesRankStabilizedScaling = false
    /// LoRA dropout probability on the adapter's input, in [0, 1).
    public var dropout: Double = 0
    /// The peak learning rate.
    public var learningRate: Double = 2e-4
    /// The ratio of the final learning rate to the peak one (cosine decay ends there).
    public var minimumLearningRateRatio: Double = 0
    /// AdamW's decoupled weight decay.
    public var weightDecay: Double = 0.01
    /// AdamW's β₁.
    public var adamBeta1: Double = 0.9
    /// AdamW's β₂.
    public var adamBeta2: Double = 0.999
    /// AdamW's ε.
    public var adamEpsilon: Double = 1e-8
    /// Optimizer steps of linear warm-up from 0.
    public var warmupSteps = 0
    /// Optimizer steps in the whole run.
    public var totalSteps = 100
    /// Sequences per micro-batch (one gradient evaluation pass).
    public var microBatchSize = 1
    /// Micro-batches accumulated into one optimizer step.
    public var gradientAccumulationSteps = 1
    /// The global L2 norm gradients are clipped to; nil for no clipping.
    public var gradientClippingNorm: Double? = 1
    /// Tokens per training sequence.
    public var sequenceLength = 512
    /// The expected fraction of documents held out for validation, in [0, 0.5].
    public var validationFraction: Double = 0.1
    /// Seeds the initial A factors, the data order, the split, dropout and the projection.
    public var seed: UInt64 = 0
    /// A checkpoint is written after every this many steps.
    public var checkpointInterval = 100
    /// The steps after which every training example's gradient is stored (0 is the initial
    /// parameters), ascending.
    public var gradientStoreSteps: [Int] = []
    /// The number of dimensions k each stored gradient is projected to.
    public var projectionDimension = 4096

    /// Upper bounds on every value that sizes an allocation or a loop.
    public enum Limits {
        /// The largest total step count.
        public static let totalStepsMax = 10_000_000
        /// The largest micro-batch.
        public static let microBatchSizeMax = 4096
        /// The most accumulated micro-batches.
        public static let gradientAccumulationStepsMax = 4096
        /// The longest sequence.
        public static let sequenceLengthMax = 1 << 20
        /// The most gradient-store steps.
        public static let gradientStoreStepCountMax = 1024
        /// The largest projection dimension.
        public static let projectionDimensionMax = 1 << 20
        /// The largest rank (OpenLoRA's).
        public static let rankMax = LoRAAdapterConfiguration.Limits.rankMaximum
    }

    /// The default configuration; change fields, then `validate()`.
    public init() {}

    /// The PEFT adapter configuration these values describe.
    public var adapterConfiguration: LoRAAdapterConfiguration {
        LoRAAdapterConfiguration(rank: rank, alpha: alpha, targetModules: targetModules,
                                 usesRankStabilizedScaling: usesRankStabilizedScaling, dropout: dropout)
    }

    /// Sequences consumed by one optimizer step.
    public var sequencesPerStep: Int { microBatchSize * gradientAccumulationSteps }
}
