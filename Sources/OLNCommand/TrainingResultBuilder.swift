import Foundation
import Ledger
import ModelFactory
import Wire

/// The TrainingResult transaction of a finished job: the datanet versions, the registered
/// base model, the configuration as hyperparameters, the adapter bundle's hash and size,
/// validation losses in millionths, and the last gradient store's root.
enum TrainingResultBuilder {
    static func result(plan: TrainingPlan, summary: TrainingSummary, options: TrainOptions,
                       ledger: LedgerDatabase, gradientStoreBlob: [UInt8]?) throws -> TrainingResult {
        let baseHash = try baseModelHash(options.basePath)
        guard try ledger.baseModel(baseHash) != nil else {
            throw CommandFailure("the base model \(Base16.encode(baseHash)) is not registered; register it first with "
                                 + "'oln model register --file \(options.basePath)'")
        }
        let configuration = options.configuration
        let targets: String
        switch configuration.targetModules {
        case .allLinear: targets = "all-linear"
        case .names(let names): targets = names.joined(separator: ",")
        case .pattern(let pattern): targets = pattern
        }
        let hyperparameters = [
            NamedText(name: "rank", value: "\(configuration.rank)"),
            NamedText(name: "alpha", value: "\(configuration.alpha)"),
            NamedText(name: "target_modules", value: String(targets.prefix(NamedText.valueByteCountMax))),
            NamedText(name: "steps", value: "\(configuration.totalSteps)"),
            NamedText(name: "learning_rate", value: "\(configuration.learningRate)"),
            NamedText(name: "sequence_length", value: "\(configuration.sequenceLength)"),
            NamedText(name: "seed", value: "\(configuration.seed)"),
            NamedText(name: "configuration_sha256", value: Base16.encode(summary.configurationIdentifier)),
        ] + summary.gradientStoreRoots.suffix(1).map { NamedText(name: "gradient_store_step", value: "\($0.step)") }
            + (gradientStoreBlob.map { [NamedText(name: TrainingResult.gradientStoreBlobName, value: Base16.encode($0))] } ?? [])
        let metrics = [("validation_loss_before", summary.validationLossBefore),
                       ("validation_loss_after", summary.validationLossAfter)].compactMap { name, value in
            value.map { NamedInteger(name: name, value: Int64(($0 * 1_000_000).rounded())) }
        }
        return TrainingResult(datanetID: plan.datanet, datanetVersion: plan.version, baseModelHash: baseHash,
                              hyperparameters: hyperparameters, adapterHash: summary.adapterHash,
                              adapterByteCount: UInt64(summary.adapterByteCount), metrics: metrics,
                              gradientStoreRoot: summary.gradientStoreRoots.last?.root ?? [],
                              additionalDatanets: Array(plan.datanets.dropFirst()))
    }

    /// The hash a base model is registered by: its GGUF file's, or a folder's model.safetensors.
    static func baseModelHash(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return try ModelRegistryCommand.fileHash(isDirectory.boolValue ? path + "/model.safetensors" : path)
    }
}
