import OpenLoRA

extension TrainingConfiguration {
    /// Checks every value against its range and `Limits`; the error names the field, its
    /// value and the allowed range.
    public func validate() throws(ModelFactoryError) {
        try Self.require(rank >= 1 && rank <= Limits.rankMax, "rank \(rank) is outside 1...\(Limits.rankMax)")
        try Self.require(alpha.isFinite && alpha > 0, "alpha \(alpha) must be a positive number")
        try Self.require(dropout >= 0 && dropout < 1, "dropout \(dropout) is outside [0, 1)")
        try Self.require(learningRate.isFinite && learningRate > 0 && learningRate <= 1,
                         "learning rate \(learningRate) is outside (0, 1]")
        try Self.require(minimumLearningRateRatio >= 0 && minimumLearningRateRatio <= 1,
                         "minimum learning rate ratio \(minimumLearningRateRatio) is outside [0, 1]")
        try Self.require(weightDecay >= 0 && weightDecay < 1, "weight decay \(weightDecay) is outside [0, 1)")
        try Self.require(adamBeta1 >= 0 && adamBeta1 < 1, "Adam β₁ \(adamBeta1) is outside [0, 1)")
        try Self.require(adamBeta2 >= 0 && adamBeta2 < 1, "Adam β₂ \(adamBeta2) is outside [0, 1)")
        try Self.require(adamEpsilon.isFinite && adamEpsilon > 0, "Adam ε \(adamEpsilon) must be a positive number")
        try validateSteps()
        try Self.require(microBatchSize >= 1 && microBatchSize <= Limits.microBatchSizeMax,
                         "micro-batch size \(microBatchSize) is outside 1...\(Limits.microBatchSizeMax)")
        try Self.require(gradientAccumulationSteps >= 1 && gradientAccumulationSteps <= Limits.gradientAccumulationStepsMax,
                         "gradient accumulation steps \(gradientAccumulationSteps) is outside "
                         + "1...\(Limits.gradientAccumulationStepsMax)")
        if let norm = gradientClippingNorm {
            try Self.require(norm.isFinite && norm > 0, "gradient clipping norm \(norm) must be a positive number")
        }
        try Self.require(sequenceLength >= 2 && sequenceLength <= Limits.sequenceLengthMax,
                         "sequence length \(sequenceLength) is outside 2...\(Limits.sequenceLengthMax)")
        try Self.require(validationFraction >= 0 && validationFraction <= 0.5,
                         "validation fraction \(validationFraction) is outside [0, 0.5]")
        try Self.require(projectionDimension >= 1 && projectionDimension <= Limits.projectionDimensionMax,
                         "projection dimension \(projectionDimension) is outside 1...\(Limits.projectionDimensionMax)")
        do {
            try adapterConfiguration.validate()
        } catch {
            throw ModelFactoryError(.invalidConfiguration, "the adapter configuration is invalid: \(error.message)")
        }
    }

    private func validateSteps() throws(ModelFactoryError) {
        try Self.require(totalSteps >= 1 && totalSteps <= Limits.totalStepsMax,
                         "total steps \(totalSteps) is outside 1...\(Limits.totalStepsMax)")
        try Self.require(warmupSteps >= 0 && warmupSteps <= totalSteps,
                         "warm-up steps \(warmupSteps) is outside 0...\(totalSteps) (the total steps)")
        try Self.require(checkpointInterval >= 1 && checkpointInterval <= totalSteps,
                         "checkpoint interval \(checkpointInterval) is outside 1...\(totalSteps) (the total steps)")
        try Self.require(gradientStoreSteps.count <= Limits.gradientStoreStepCountMax,
                         "\(gradientStoreSteps.count) gradient-store steps; the limit is \(Limits.gradientStoreStepCountMax)")
        try Self.require(zip(gradientStoreSteps, gradientStoreSteps.dropFirst()).allSatisfy { $0 < $1 },
                         "gradient-store steps \(gradientStoreSteps.prefix(8)) must be strictly ascending")
        if let outside = gradientStoreSteps.first(where: { $0 < 0 || $0 > totalSteps }) {
            throw ModelFactoryError(.invalidConfiguration,
                                    "gradient-store step \(outside) is outside 0...\(totalSteps) (the total steps)")
        }
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(ModelFactoryError) {
        guard condition else { throw ModelFactoryError(.invalidConfiguration, message()) }
    }
}
