import OpenLoRA
import Tensor

/// The command line of `oln model run`, parsed and range-checked.
struct ModelRunOptions {
    /// What the model continues: a raw prompt, or a user message in the model's chat template.
    enum Input: Equatable {
        case prompt(String)
        case chat(String, system: String?)
    }

    /// The most tokens `--max-tokens` may ask for, and the most `--threads`.
    static let maximumTokenCountLimit = 1 << 20
    static let threadCountLimit = 1024
    /// Tokens generated when `--max-tokens` is not given.
    static let defaultMaximumTokenCount = 256

    let modelPath: String
    let adapterPath: String?
    let tokenizerPath: String?
    let input: Input
    let maximumTokenCount: Int
    let sampling: SamplingParameters
    /// Workers for the kernels (and OpenBLAS threads when given explicitly).
    let threadCount: Int
    let isThreadCountExplicit: Bool
    /// `--f32`: expand every matrix to F32 at load.
    let expandsWeights: Bool

    init(parsing parser: inout ArgumentParser) throws {
        let topic = "model run"
        adapterPath = try parser.takeOption("--adapter", topic: topic)
        tokenizerPath = try parser.takeOption("--tokenizer", topic: topic)
        expandsWeights = parser.takeFlag("--f32")
        input = try Self.parseInput(&parser, topic: topic)
        maximumTokenCount = try Self.integer(&parser, "--max-tokens", in: 0...Self.maximumTokenCountLimit,
                                             topic: topic) ?? Self.defaultMaximumTokenCount
        sampling = try Self.parseSampling(&parser, topic: topic)
        let threads = try Self.integer(&parser, "--threads", in: 1...Self.threadCountLimit, topic: topic)
        threadCount = threads ?? CPUBackend.coreCount
        isThreadCountExplicit = threads != nil
        guard let model = parser.nextPositional() else {
            throw UsageError("'oln model run' needs MODEL: a GGUF file or a Hugging Face model folder", topic: topic)
        }
        modelPath = model
        try parser.finish(topic: topic)
    }

    private static func parseInput(_ parser: inout ArgumentParser, topic: String) throws -> Input {
        let prompt = try parser.takeOption("--prompt", topic: topic)
        let chat = try parser.takeOption("--chat", topic: topic)
        let system = try parser.takeOption("--system", topic: topic)
        switch (prompt, chat) {
        case (let prompt?, nil):
            guard system == nil else { throw UsageError("--system goes with --chat, not --prompt", topic: topic) }
            return .prompt(prompt)
        case (nil, let chat?):
            return .chat(chat, system: system)
        case (nil, nil):
            throw UsageError("'oln model run' needs --prompt TEXT or --chat TEXT", topic: topic)
        case (_?, _?):
            throw UsageError("give --prompt or --chat, not both", topic: topic)
        }
    }

    private static func parseSampling(_ parser: inout ArgumentParser, topic: String) throws -> SamplingParameters {
        var sampling = SamplingParameters.greedy
        if let temperature = try number(&parser, "--temperature", topic: topic) { sampling.temperature = temperature }
        if let topP = try number(&parser, "--top-p", topic: topic) { sampling.topP = topP }
        if let topK = try integer(&parser, "--top-k", in: 0...Int(Int32.max), topic: topic) { sampling.topK = topK }
        if let penalty = try number(&parser, "--repetition-penalty", topic: topic) {
            sampling.repetitionPenalty = penalty
        }
        if let seed = try parser.takeOption("--seed", topic: topic) {
            guard let value = UInt64(seed) else {
                throw UsageError("--seed must be a whole number from 0 to \(UInt64.max), not '\(seed)'", topic: topic)
            }
            sampling.seed = value
        }
        do {
            try sampling.validate()
        } catch {
            throw UsageError(error.message, topic: topic)
        }
        return sampling
    }

    private static func integer(_ parser: inout ArgumentParser, _ name: String, in range: ClosedRange<Int>,
                                topic: String) throws -> Int? {
        guard let text = try parser.takeOption(name, topic: topic) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), "
                             + "not '\(text)'", topic: topic)
        }
        return value
    }

    private static func number(_ parser: inout ArgumentParser, _ name: String, topic: String) throws -> Float? {
        guard let text = try parser.takeOption(name, topic: topic) else { return nil }
        guard let value = Float(text), value.isFinite else {
            throw UsageError("\(name) must be a number, not '\(text)'", topic: topic)
        }
        return value
    }
}
