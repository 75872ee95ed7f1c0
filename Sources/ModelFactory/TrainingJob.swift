import LoRATraining
import OpenLoRA

/// A fine-tuning job in a folder:
///
///     <directory>/checkpoints/step-<n>.checkpoint   the newest `checkpointsKeptCount`
///     <directory>/loss.json, loss.svg               the loss curve so far
///     <directory>/gradients-<step>.bin              a GradientStore per chosen step
///     <directory>/adapter/                          the PEFT adapter, at the end
///     <directory>/summary.json                      the TrainingSummary, at the end
///
/// `run` starts from the newest checkpoint when there is one (the configuration must be
/// the same), so a stopped or crashed job is resumed by running it again.
public final class TrainingJob {
    /// Checkpoints kept; older ones are removed after a newer one is safely written.
    public static let checkpointsKeptCount = 2

    /// The job folder.
    public let directory: String
    /// The configuration.
    public let configuration: TrainingConfiguration
    /// Where each LoRA module's factors sit in the parameter vector.
    public let layout: LoRAParameterLayout
    /// The data.
    public let dataset: TrainingDataset
    /// What is minimised (its parameter vector has `layout`'s shape).
    public let objective: any TrainingObjective
    let fileSystem: any FileSystem
    let writer: DurableFileWriter
    let clock: () -> Duration
    let projection: GradientProjection?

    /// A job; throws when the configuration is invalid or the objective's parameter vector is
    /// not the layout's. `clock` gives monotonic time for the progress reports.
    public init(directory: String, configuration: TrainingConfiguration, base: LlamaConfiguration,
                dataset: TrainingDataset, objective: any TrainingObjective,
                fileSystem: any FileSystem = POSIXFileSystem(), clock: @escaping () -> Duration) throws(ModelFactoryError) {
        try configuration.validate()
        do {
            layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: base)
        } catch {
            throw ModelFactoryError(.invalidConfiguration, "the adapter does not fit the base model: \(error.message)")
        }
        guard layout.parameterCount == objective.parameterCount else {
            throw ModelFactoryError(.invalidConfiguration, "the objective has \(objective.parameterCount) parameters, the "
                                    + "adapter layout \(layout.parameterCount)")
        }
        projection = configuration.gradientStoreSteps.isEmpty ? nil
            : try GradientProjection(layout: layout, dimension: configuration.projectionDimension,
                                     seed: SeedMixer.mix(configuration.seed, .projection, 0))
        self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.configuration = configuration
        self.dataset = dataset
        self.objective = objective
        self.fileSystem = fileSystem
        writer = DurableFileWriter(fileSystem: fileSystem)
        self.clock = clock
    }

    /// Runs (or resumes) the job until the last step or until `cancellation` is set.
    public func run(cancellation: TrainingCancellation = TrainingCancellation(),
                    progress: (TrainingProgress) -> Void = { _ in }) throws(ModelFactoryError) -> TrainingOutcome {
        try fileSystem.createDirectory(directory)
        try fileSystem.createDirectory(checkpointsDirectory)
        var trainer = try makeTrainer()
        let start = clock(), startStep = trainer.state.step, startTokens = trainer.state.processedTokenCount
        while !trainer.isFinished {
            if cancellation.isCancelled {
                try saveCheckpoint(trainer)
                return .stopped(step: trainer.state.step)
            }
            let report = try trainer.step()
            progress(measure(report, trainer.state, start: start, startStep: startStep, startTokens: startTokens))
            if configuration.gradientStoreSteps.contains(report.step) { try writeGradientStore(&trainer) }
            if report.step % configuration.checkpointInterval == 0 || trainer.isFinished {
                _ = try trainer.measureValidationLoss()
                try saveCheckpoint(trainer)
            }
        }
        return .finished(try finish(trainer))
    }

    var checkpointsDirectory: String { directory + "/checkpoints" }

    /// A trainer from the newest checkpoint, or a fresh one (validation loss measured and
    /// the step-0 gradient store written when chosen).
    private func makeTrainer() throws(ModelFactoryError) -> Trainer {
        if let path = try newestCheckpointPath() {
            let bytes = try fileSystem.readFile(path, byteCountMax: TrainingCheckpoint.Limits.standard.byteCountMax)
            let checkpoint = try TrainingCheckpoint(decoding: bytes, configuration: configuration)
            return try Trainer(configuration: configuration, objective: objective, dataset: dataset, state: checkpoint.state)
        }
        let initial = layout.initialParameters(seed: SeedMixer.mix(configuration.seed, .initialParameters, 0))
        var trainer = try Trainer(configuration: configuration, objective: objective, dataset: dataset,
                                  state: TrainingState(initialParameters: initial, configuration: configuration))
        _ = try trainer.measureValidationLoss()
        if configuration.gradientStoreSteps.first == 0 { try writeGradientStore(&trainer) }
        return trainer
    }

    private func measure(_ report: StepReport, _ state: TrainingState, start: Duration, startStep: Int,
                         startTokens: Int) -> TrainingProgress {
        let elapsed = clock() - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let stepsDone = max(1, state.step - startStep)
        let remaining = configuration.totalSteps - state.step
        return TrainingProgress(step: report.step, totalSteps: configuration.totalSteps, loss: report.loss,
                                learningRate: report.learningRate, gradientNorm: report.gradientNorm,
                                tokensPerSecond: seconds > 0 ? Double(state.processedTokenCount - startTokens) / seconds : 0,
                                estimatedTimeLeft: elapsed / stepsDone * remaining)
    }
}
