import Foundation
import Ledger
import LoRATraining
import ModelFactory
import Node
import OpenLoRA
import Sodium
import Tensor
import Wire

/// `oln train --datanet ID --base MODEL …`: fine-tunes a LoRA adapter on a Datanet version
/// from the node's ledger and blob store (ModelFactory), stores the adapter bundle as a blob,
/// and with `--submit` publishes the TrainingResult transaction. A job lives in
/// DIR/training/<datanet>-v<version>-<configuration>/ and resumes from its newest checkpoint
/// when run again; Ctrl-C stops it after the current step with a checkpoint.
enum TrainCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "train"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.train)
            return .success
        }
        let options = try TrainOptions(&parser, topic: topic)
        let submit = parser.takeFlag("--submit")
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let (ledger, _) = try submission.ledger()
        let plan = try TrainingPlan(options: options, directory: submission.directory, ledger: ledger)
        let trainedOn = plan.datanets.map { "\(Base16.encode($0.datanetID)) version \($0.version)" }
        console.error("datanet \(trainedOn.joined(separator: " + ")): \(plan.documents.count) documents")
        let loaded = try LoadedModel(path: options.basePath, tokenizerPath: nil, threadCount: options.threadCount)
        CPUBackend.setBLASThreadCount(options.threadCount)
        let summary = try train(plan, loaded: loaded, options: options, console: console)
        guard let summary else { return .failure }
        let bundle = try Data(contentsOf: URL(fileURLWithPath: plan.jobDirectory + "/adapter/" + LoRAAdapter.weightsFileName))
        let blobs = try BlobStore(root: submission.directory.blobsPath)
        let hash = try blobs.put([UInt8](bundle))
        precondition(hash == summary.adapterHash, "the stored bundle is the one the summary names")
        var storeBlob: [UInt8]?
        if let last = summary.gradientStoreRoots.last {
            let store = try Data(contentsOf: URL(fileURLWithPath: plan.jobDirectory + "/gradients-\(last.step).bin"))
            storeBlob = try blobs.put([UInt8](store))
        }
        var fields: [(String, Any)] = [
            ("job", plan.jobDirectory), ("adapter", Base16.encode(summary.adapterHash)), ("adapter bytes", summary.adapterByteCount),
            ("steps", summary.steps), ("validation loss before", summary.validationLossBefore.map { format($0) } ?? "none"),
            ("validation loss after", summary.validationLossAfter.map { format($0) } ?? "none"),
        ]
        if let root = summary.gradientStoreRoots.last { fields.append(("gradient store root", Base16.encode(root.root))) }
        if let storeBlob { fields.append(("gradient store blob", Base16.encode(storeBlob))) }
        guard submit else {
            CommandReport.print(fields, json: submission.json, console: console)
            return .success
        }
        let result = try TrainingResultBuilder.result(plan: plan, summary: summary, options: options, ledger: ledger,
                                                      gradientStoreBlob: storeBlob)
        return try submission.submit(.trainingResult(result), report: fields, console: console)
    }

    /// Runs the job with a progress line on standard error; nil when it was stopped.
    private static func train(_ plan: TrainingPlan, loaded: LoadedModel, options: TrainOptions,
                              console: Console) throws -> TrainingSummary? {
        let configuration = options.configuration
        let dataset = try TrainingDataset(documents: plan.documents, tokenizer: loaded.tokenizer,
                                          template: loaded.tokenizer.chatTemplate, configuration: configuration)
        let statistics = dataset.statistics
        console.error("examples: \(dataset.trainingExamples.count) training (\(statistics.trainingTokenCount) tokens), "
                      + "\(dataset.validationExamples.count) validation (\(statistics.validationTokenCount) tokens)")
        let layout = try LoRAParameterLayout(configuration: configuration.adapterConfiguration, base: loaded.model.configuration)
        let engine = try LoRAGradientEngine(model: loaded.model, layout: layout, dropout: configuration.dropout,
                                            sequenceLengthMaximum: configuration.sequenceLength)
        try FileManager.default.createDirectory(atPath: (plan.jobDirectory as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let start = ContinuousClock.now
        let job = try TrainingJob(directory: plan.jobDirectory, configuration: configuration,
                                  base: loaded.model.configuration, dataset: dataset, objective: engine,
                                  clock: { start.duration(to: .now) })
        let cancellation = TrainingCancellation()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let bar = ProgressBar()
        let outcome = try job.run(cancellation: cancellation) { progress in
            console.errorText("\r" + bar.render(progress))
        }
        console.error("")
        switch outcome {
        case .finished(let summary): return summary
        case .stopped(let step):
            console.error("stopped after step \(step) with a checkpoint; run the same command again to resume")
            return nil
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}
