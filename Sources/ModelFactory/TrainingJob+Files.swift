import LoRATraining
import OpenLoRA
import Sodium

extension TrainingJob {
    /// The path of the newest checkpoint, if any.
    func newestCheckpointPath() throws(ModelFactoryError) -> String? {
        guard let step = try checkpointSteps().last else { return nil }
        return checkpointPath(step)
    }

    func checkpointPath(_ step: Int) -> String {
        let digits = String(step)
        return checkpointsDirectory + "/step-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
            + ".checkpoint"
    }

    /// The steps of the checkpoints in the folder, ascending.
    func checkpointSteps() throws(ModelFactoryError) -> [Int] {
        try fileSystem.contentsOfDirectory(checkpointsDirectory).compactMap { name -> Int? in
            guard name.hasPrefix("step-"), name.hasSuffix(".checkpoint") else { return nil }
            return Int(name.dropFirst(5).dropLast(11))
        }.sorted()
    }

    /// Writes the state's checkpoint and the loss reports, then removes old checkpoints.
    func saveCheckpoint(_ trainer: Trainer) throws(ModelFactoryError) {
        let checkpoint = TrainingCheckpoint(configurationIdentifier: configuration.identifier, state: trainer.state)
        try writer.write(checkpoint.serialized(), toFile: checkpointPath(trainer.state.step))
        try writer.write(LossCurveReport.json(trainer.state.lossHistory), toFile: directory + "/loss.json")
        try writer.write(Array(LossCurveReport.svg(trainer.state.lossHistory).utf8), toFile: directory + "/loss.svg")
        for step in try checkpointSteps().dropLast(Self.checkpointsKeptCount) {
            try fileSystem.removeFile(checkpointPath(step))
        }
    }

    /// Computes, writes and records the gradient store of the current step.
    func writeGradientStore(_ trainer: inout Trainer) throws(ModelFactoryError) {
        guard let projection else { return }
        let step = trainer.state.step
        var records: [GradientStoreRecord] = []
        records.reserveCapacity(dataset.trainingExamples.count)
        for (index, example) in dataset.trainingExamples.enumerated() {
            let gradient = try trainer.exampleGradient(example, index: index)
            records.append(GradientStoreRecord(contentHash: example.contentHash, exampleIndex: index,
                                               gradient: projection.projectAndQuantize(gradient)))
        }
        let learningRate = step == 0 ? 0 : trainer.schedule.learningRate(forStep: step)
        let store = GradientStore(projection: projection, step: step, learningRate: learningRate, records: records)
        try writer.write(store.serialized(), toFile: directory + "/gradients-\(step).bin")
        trainer.record(GradientStoreRoot(step: step, root: store.merkleRoot))
    }

    /// Writes the adapter and the summary. The folder's adapter_model.safetensors is the
    /// adapter bundle (`LoRAAdapter.bundle()`: PEFT's file with adapter_config.json in its
    /// metadata), the one file peers fetch by its BLAKE2b-256.
    func finish(_ trainer: Trainer) throws(ModelFactoryError) -> TrainingSummary {
        let weights: [UInt8]
        do {
            let adapter = try layout.adapter(trainer.state.parameters)
            weights = adapter.bundle()
            try fileSystem.createDirectory(directory + "/adapter")
            try writer.write(adapter.configuration.serialized(),
                             toFile: directory + "/adapter/" + LoRAAdapter.configurationFileName)
            try writer.write(weights, toFile: directory + "/adapter/" + LoRAAdapter.weightsFileName)
        } catch let error as ModelFactoryError {
            throw error
        } catch {
            throw ModelFactoryError(.adapter, "the adapter could not be written: \(error)")
        }
        let history = trainer.state.lossHistory
        let summary = TrainingSummary(
            configurationIdentifier: configuration.identifier, adapterHash: BLAKE2b256.hash(weights),
            adapterByteCount: weights.count, validationLossBefore: history.validation.first { $0.step == 0 }?.loss,
            validationLossAfter: history.validation.last { $0.step == configuration.totalSteps }?.loss,
            gradientStoreRoots: trainer.state.gradientStoreRoots.sorted { $0.step < $1.step },
            trainingTokenCount: dataset.statistics.trainingTokenCount,
            validationTokenCount: dataset.statistics.validationTokenCount,
            processedTokenCount: trainer.state.processedTokenCount, steps: trainer.state.step)
        try writer.write(summary.json, toFile: directory + "/summary.json")
        return summary
    }
}
