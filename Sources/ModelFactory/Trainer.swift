import LoRATraining

/// The training loop on any `TrainingObjective`, without files or clocks: one call to
/// `step()` is one optimizer step over `microBatchSize · gradientAccumulationSteps`
/// sequences.
///
/// The step's loss is the mean per target token across all its micro-batches: gradients of
/// the summed losses are accumulated, then scaled once by 1 / (target tokens). Then the
/// gradient is clipped, the schedule gives the learning rate, AdamW updates θ. A NaN or
/// infinite loss, gradient or parameter throws `.nonFiniteValue` and leaves the state as it
/// was before the step. Each sequence's dropout seed is a counter-based hash of (seed,
/// step, micro-batch, position in the micro-batch). Every operation runs in a fixed order,
/// so the same inputs give bit-identical parameters.
public struct Trainer {
    /// The run's configuration.
    public let configuration: TrainingConfiguration
    /// What is minimised.
    public let objective: any TrainingObjective
    /// The data.
    public let dataset: TrainingDataset
    /// The current state.
    public private(set) var state: TrainingState
    /// The learning-rate schedule.
    public let schedule: LearningRateSchedule
    private var order: DataOrder

    /// A trainer continuing from `state` (a fresh `TrainingState` or a checkpoint's).
    public init(configuration: TrainingConfiguration, objective: any TrainingObjective, dataset: TrainingDataset,
                state: TrainingState) throws(ModelFactoryError) {
        try configuration.validate()
        guard objective.parameterCount == state.parameters.count, state.optimizer.firstMoment.count == state.parameters.count else {
            throw ModelFactoryError(.invalidConfiguration, "the objective has \(objective.parameterCount) parameters but "
                                    + "the state holds \(state.parameters.count)")
        }
        precondition(!dataset.trainingSequences.isEmpty, "a dataset always has training sequences")
        self.configuration = configuration
        self.objective = objective
        self.dataset = dataset
        self.state = state
        schedule = LearningRateSchedule(configuration: configuration)
        order = DataOrder(sequenceCount: dataset.trainingSequences.count, seed: configuration.seed)
    }

    /// Whether every step has run.
    public var isFinished: Bool { state.step >= configuration.totalSteps }

    /// Runs the next optimizer step.
    public mutating func step() throws(ModelFactoryError) -> StepReport {
        precondition(!isFinished, "the run is complete")
        let stepNumber = state.step + 1
        var position = state.dataPosition
        var gradient = [Float](repeating: 0, count: state.parameters.count)
        var lossSum = LossSum()
        var tokenCount = 0
        for microBatch in 0..<configuration.gradientAccumulationSteps {
            for slot in 0..<configuration.microBatchSize {
                let sequence = dataset.trainingSequences[order.sequenceIndex(at: position)].sequence
                position += 1
                tokenCount += sequence.tokens.count
                let seed = dropoutSeed(step: stepNumber, microBatch: microBatch, slot: slot)
                do {
                    lossSum += try objective.accumulateGradient(of: sequence, parameters: state.parameters,
                                                                dropoutSeed: seed, into: &gradient)
                } catch {
                    throw ModelFactoryError(.objectiveFailed, "step \(stepNumber): the gradient failed: \(error)")
                }
            }
        }
        let scale = lossSum.targetCount > 0 ? Float(1 / Double(lossSum.targetCount)) : 0
        for index in gradient.indices { gradient[index] *= scale }
        let loss = lossSum.mean ?? 0
        let norm = clip(&gradient)
        guard loss.isFinite, norm.isFinite else {
            throw ModelFactoryError(.nonFiniteValue, "step \(stepNumber): the loss is \(loss) and the gradient norm "
                                    + "\(norm); the job stopped, and the last checkpoint is the last good state")
        }
        let learningRate = schedule.learningRate(forStep: stepNumber)
        var parameters = state.parameters
        var optimizer = state.optimizer
        optimizer.update(&parameters, gradient: gradient, learningRate: learningRate)
        guard parameters.allSatisfy(\.isFinite) else {
            throw ModelFactoryError(.nonFiniteValue, "step \(stepNumber): the update made a parameter non-finite; "
                                    + "the job stopped, and the last checkpoint is the last good state")
        }
        state.parameters = parameters
        state.optimizer = optimizer
        state.step = stepNumber
        state.dataPosition = position
        state.processedTokenCount += tokenCount
        state.lossHistory.training.append(LossHistory.Point(step: stepNumber, loss: loss))
        return StepReport(step: stepNumber, loss: loss, learningRate: learningRate, gradientNorm: norm,
                          tokenCount: tokenCount, targetCount: lossSum.targetCount)
    }

    /// The mean validation loss per target token at the current parameters (nil without
    /// validation data), recorded in the history at the current step.
    public mutating func measureValidationLoss() throws(ModelFactoryError) -> Double? {
        guard let loss = try validationLoss() else { return nil }
        state.lossHistory.validation.removeAll { $0.step == state.step }
        state.lossHistory.validation.append(LossHistory.Point(step: state.step, loss: loss))
        return loss
    }

    /// The mean validation loss per target token at the current parameters.
    public func validationLoss() throws(ModelFactoryError) -> Double? {
        var sum = LossSum()
        for packed in dataset.validationSequences {
            do {
                sum += try objective.loss(of: packed.sequence, parameters: state.parameters)
            } catch {
                throw ModelFactoryError(.objectiveFailed, "the validation loss failed: \(error)")
            }
        }
        guard let mean = sum.mean else { return nil }
        guard mean.isFinite else {
            throw ModelFactoryError(.nonFiniteValue, "the validation loss at step \(state.step) is \(mean)")
        }
        return mean
    }

    /// The gradient of `example`'s mean loss per target token at the current parameters,
    /// computed alone (a zero vector, one `accumulateGradient`) without dropout, as a query
    /// gradient is computed at inference. The gradient store's per-example vectors.
    public func exampleGradient(_ example: TrainingExample, index: Int) throws(ModelFactoryError) -> [Float] {
        var gradient = [Float](repeating: 0, count: state.parameters.count)
        let sum: LossSum
        do {
            sum = try objective.accumulateGradient(of: example.sequence, parameters: state.parameters,
                                                   dropoutSeed: nil, into: &gradient)
        } catch {
            throw ModelFactoryError(.objectiveFailed, "the gradient of example \(index) failed: \(error)")
        }
        let scale = sum.targetCount > 0 ? Float(1 / Double(sum.targetCount)) : 0
        for position in gradient.indices { gradient[position] *= scale }
        guard gradient.allSatisfy(\.isFinite) else {
            throw ModelFactoryError(.nonFiniteValue, "the gradient of example \(index) at step \(state.step) is not finite")
        }
        return gradient
    }

    /// Records a gradient store's root in the state.
    public mutating func record(_ root: GradientStoreRoot) {
        state.gradientStoreRoots.removeAll { $0.step == root.step }
        state.gradientStoreRoots.append(root)
    }

    private func clip(_ gradient: inout [Float]) -> Double {
        guard let maximum = configuration.gradientClippingNorm else { return GradientClipping.norm(of: gradient) }
        return GradientClipping.clip(&gradient, maximumNorm: maximum)
    }

    private func dropoutSeed(step: Int, microBatch: Int, slot: Int) -> UInt64 {
        let counter = UInt64(step) << 24 | UInt64(microBatch) << 12 | UInt64(slot)
        return SeedMixer.mix(configuration.seed, .dropout, counter)
    }
}
