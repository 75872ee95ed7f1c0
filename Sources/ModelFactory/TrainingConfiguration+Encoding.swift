import OpenLoRA
import Sodium

extension TrainingConfiguration {
    /// The configuration as JSON with sorted keys and no whitespace: every field, under a
    /// stable snake_case name, so that the bytes (and `identifier`) change only when a value
    /// does. `target_modules` is `"all-linear"`, `{"names":[…]}` or `{"pattern":"…"}`;
    /// `gradient_clipping_norm` is null when clipping is off.
    public var canonicalBytes: [UInt8] { canonicalJSON.bytes }

    /// SHA-256 of `canonicalBytes`: the configuration's identity in checkpoints, summaries
    /// and ledger transactions.
    public var identifier: [UInt8] { SHA256.hash(canonicalBytes) }

    var canonicalJSON: CanonicalJSON {
        .object([
            "format": .string("oln-training-configuration-1"),
            "rank": .integer(Int64(rank)), "alpha": .number(alpha), "target_modules": Self.json(targetModules),
            "use_rslora": .bool(usesRankStabilizedScaling), "dropout": .number(dropout),
            "learning_rate": .number(learningRate), "minimum_learning_rate_ratio": .number(minimumLearningRateRatio),
            "weight_decay": .number(weightDecay), "adam_beta1": .number(adamBeta1), "adam_beta2": .number(adamBeta2),
            "adam_epsilon": .number(adamEpsilon), "warmup_steps": .integer(Int64(warmupSteps)),
            "total_steps": .integer(Int64(totalSteps)), "micro_batch_size": .integer(Int64(microBatchSize)),
            "gradient_accumulation_steps": .integer(Int64(gradientAccumulationSteps)),
            "gradient_clipping_norm": gradientClippingNorm.map { .number($0) } ?? .null,
            "sequence_length": .integer(Int64(sequenceLength)), "validation_fraction": .number(validationFraction),
            "seed": .unsigned(seed), "checkpoint_interval": .integer(Int64(checkpointInterval)),
            "gradient_store_steps": .array(gradientStoreSteps.map { .integer(Int64($0)) }),
            "projection_dimension": .integer(Int64(projectionDimension)),
        ])
    }

    private static func json(_ selection: LoRAModuleSelection) -> CanonicalJSON {
        switch selection {
        case .allLinear: .string("all-linear")
        case .names(let names): .object(["names": .array(names.map { .string($0) })])
        case .pattern(let pattern): .object(["pattern": .string(pattern)])
        }
    }
}
