import Foundation
import ModelFactory
import OpenLoRA
import Tensor

/// The options of `oln train`: the base model, the datanets and versions, the training
/// configuration and the thread count.
struct TrainOptions {
    /// The most datanets one adapter is trained on (the ledger's limit).
    static let datanetCountMax = 1 + 15

    let basePath: String
    /// Each `--datanet ID[@VERSION]`, in order (the first is the receipts' datanet).
    let datanetTexts: [String]
    /// `--version N`: the first datanet's version, unless its `@VERSION` gives one.
    let version: UInt64?
    let threadCount: Int
    let jobDirectory: String?
    let configuration: TrainingConfiguration

    init(_ parser: inout ArgumentParser, topic: String) throws {
        guard let base = try parser.takeOption("--base", topic: topic) else {
            throw UsageError("--base MODEL is required (a GGUF file or a Hugging Face folder)", topic: topic)
        }
        var datanets: [String] = []
        while let datanet = try parser.takeOption("--datanet", topic: topic) { datanets.append(datanet) }
        guard !datanets.isEmpty else { throw UsageError("--datanet ID is required", topic: topic) }
        guard datanets.count <= Self.datanetCountMax else {
            throw UsageError("an adapter is trained on at most \(Self.datanetCountMax) datanets", topic: topic)
        }
        basePath = base
        datanetTexts = datanets
        version = try Self.integer(&parser, "--version", topic: topic).map(UInt64.init)
        threadCount = try Self.integer(&parser, "--threads", topic: topic) ?? CPUBackend.coreCount
        jobDirectory = try parser.takeOption("--job", topic: topic)
        configuration = try Self.configuration(&parser, topic: topic)
    }

    private static func configuration(_ parser: inout ArgumentParser, topic: String) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.targetModules = .allLinear
        configuration.sequenceLength = 256
        if let rank = try integer(&parser, "--rank", topic: topic) { configuration.rank = rank }
        configuration.alpha = try number(&parser, "--alpha", topic: topic) ?? Double(2 * configuration.rank)
        if let targets = try parser.takeOption("--targets", topic: topic) {
            configuration.targetModules = targets == "all-linear" ? .allLinear
                : .names(targets.split(separator: ",").map { String($0) })
        }
        if let steps = try integer(&parser, "--steps", topic: topic) { configuration.totalSteps = steps }
        if let rate = try number(&parser, "--learning-rate", topic: topic) { configuration.learningRate = rate }
        if let warmup = try integer(&parser, "--warmup", topic: topic, allowsZero: true) { configuration.warmupSteps = warmup }
        if let batch = try integer(&parser, "--batch", topic: topic) { configuration.microBatchSize = batch }
        if let steps = try integer(&parser, "--accumulation", topic: topic) { configuration.gradientAccumulationSteps = steps }
        if let length = try integer(&parser, "--sequence-length", topic: topic) { configuration.sequenceLength = length }
        if let seed = try integer(&parser, "--seed", topic: topic, allowsZero: true) { configuration.seed = UInt64(seed) }
        if let dropout = try number(&parser, "--dropout", topic: topic, allowsZero: true) { configuration.dropout = dropout }
        if let fraction = try number(&parser, "--validation-fraction", topic: topic, allowsZero: true) {
            configuration.validationFraction = fraction
        }
        configuration.checkpointInterval = try integer(&parser, "--checkpoint-interval", topic: topic)
            ?? min(configuration.checkpointInterval, configuration.totalSteps)
        if let dimension = try integer(&parser, "--projection-dimension", topic: topic) {
            configuration.projectionDimension = dimension
        }
        configuration.gradientStoreSteps = try gradientSteps(&parser, total: configuration.totalSteps, topic: topic)
        do {
            try configuration.validate()
        } catch {
            throw UsageError("\(error.message)", topic: topic)
        }
        return configuration
    }

    /// `--gradient-steps S,S…` or `none`; by default the last step.
    private static func gradientSteps(_ parser: inout ArgumentParser, total: Int, topic: String) throws -> [Int] {
        guard let text = try parser.takeOption("--gradient-steps", topic: topic) else { return [total] }
        if text == "none" { return [] }
        let steps = text.split(separator: ",").map { Int($0) }
        guard steps.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= total }) else {
            throw UsageError("--gradient-steps takes steps in 0...\(total) separated by commas, or none", topic: topic)
        }
        return steps.compactMap { $0 }.sorted()
    }

    private static func integer(_ parser: inout ArgumentParser, _ option: String, topic: String,
                                allowsZero: Bool = false) throws -> Int? {
        guard let text = try parser.takeOption(option, topic: topic) else { return nil }
        guard let value = Int(text), value > 0 || (allowsZero && value == 0) else {
            throw UsageError("\(option) must be a \(allowsZero ? "non-negative" : "positive") whole number, not '\(text)'",
                             topic: topic)
        }
        return value
    }

    private static func number(_ parser: inout ArgumentParser, _ option: String, topic: String,
                               allowsZero: Bool = false) throws -> Double? {
        guard let text = try parser.takeOption(option, topic: topic) else { return nil }
        guard let value = Double(text), value.isFinite, value > 0 || (allowsZero && value == 0) else {
            throw UsageError("\(option) must be a \(allowsZero ? "non-negative" : "positive") number, not '\(text)'",
                             topic: topic)
        }
        return value
    }
}
