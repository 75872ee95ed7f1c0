import Foundation
import OpenLoRA
import Tensor
import Tokenizers

/// `oln model run`: generates text from a prompt (or a chat message), streaming only the text
/// to standard output and the timings to standard error.
enum ModelRunCommand {
    static func run(_ parser: inout ArgumentParser, console: Console) throws -> ExitCode {
        let options = try ModelRunOptions(parsing: &parser)
        if options.isThreadCountExplicit { CPUBackend.setBLASThreadCount(options.threadCount) }
        let loaded = try LoadedModel(path: options.modelPath, tokenizerPath: options.tokenizerPath,
                                     threadCount: options.threadCount, expandsWeights: options.expandsWeights)
        let adapter = try options.adapterPath.map { path throws in try loadAdapter(path, for: loaded.model) }
        let prompt = try promptTokens(options.input, tokenizer: loaded.tokenizer)
        let contextLength = loaded.model.configuration.contextLength
        guard prompt.count <= contextLength else {
            throw CommandFailure("the prompt is \(prompt.count) tokens, longer than the model's context of "
                                 + "\(contextLength) tokens; shorten it")
        }
        let generation = GenerationOptions(maximumTokenCount: options.maximumTokenCount, sampling: options.sampling,
                                           stopTokenIDs: stopTokens(loaded, input: options.input))
        let capacity = min(contextLength, prompt.count + max(1, options.maximumTokenCount))
        let state = loaded.model.makeState(contextCapacity: capacity)
        var timing = RunTiming(promptTokenCount: prompt.count)
        var decoder = loaded.tokenizer.makeStreamingDecoder(skippingSpecialTokens: true)
        var endsWithNewline = true
        let emit = { (text: String) in
            guard !text.isEmpty else { return }
            console.write(text)
            endsWithNewline = text.hasSuffix("\n")
        }
        let result: GenerationResult
        do {
            result = try loaded.model.generate(prompt: prompt, options: generation, state: state,
                                               adapter: adapter) { token in
                timing.tokenArrived()
                if let text = decoder.append(token) { emit(text) }
                return true
            }
        } catch {
            throw CommandFailure("generation failed: \(error.description)")
        }
        emit(decoder.finish())
        timing.finish()
        if !endsWithNewline { console.error("") }
        let reason = describe(result.stopReason, loaded.tokenizer)
        timing.report(generatedTokenCount: result.tokens.count, stopReason: reason).forEach(console.error)
        return .success
    }

    /// The adapter folder loaded for `model`, or a failure saying why it does not fit.
    private static func loadAdapter(_ path: String, for model: LlamaModel) throws -> LoRAAdapter {
        do {
            return try LoRAAdapter(directory: path, base: model.configuration)
        } catch {
            throw CommandFailure("cannot use the adapter in \(path) with this model: \(error.description)")
        }
    }

    /// The prompt's token ids: the raw text (special tokens written in it recognised, BOS added
    /// when the tokenizer adds one), or a user message in the model's chat template.
    private static func promptTokens(_ input: ModelRunOptions.Input, tokenizer: Tokenizer) throws -> [Int] {
        let tokens: [Int]
        switch input {
        case .prompt(let text):
            tokens = tokenizer.encode(text)
        case .chat(let text, let system):
            do {
                tokens = try tokenizer.encodeChat([.user(text)], system: system.map(SystemPrompt.custom) ?? .none)
            } catch {
                throw CommandFailure("cannot apply the chat template: \(error.message); format the conversation "
                                     + "yourself and pass it with --prompt")
            }
        }
        guard !tokens.isEmpty else { throw CommandFailure("the prompt is empty after tokenization") }
        return tokens
    }

    /// The model's end-of-sequence ids, the tokenizer's, and with a ChatML chat `<|im_end|>`.
    private static func stopTokens(_ loaded: LoadedModel, input: ModelRunOptions.Input) -> Set<Int> {
        var stops = loaded.model.endOfSequenceTokenIDs
        if let end = loaded.tokenizer.specialTokens.endOfSequence { stops.insert(end) }
        if case .chat = input, loaded.tokenizer.chatTemplate?.style == .chatML,
           let end = loaded.tokenizer.vocabulary.id(for: "<|im_end|>") {
            stops.insert(end)
        }
        return stops
    }

    private static func describe(_ reason: StopReason, _ tokenizer: Tokenizer) -> String {
        switch reason {
        case .stopToken(let id): "stop token \(tokenizer.vocabulary.token(for: id) ?? String(id))"
        case .stopSequence: "stop sequence"
        case .maximumTokens: "maximum tokens"
        case .contextFull: "context full"
        case .cancelled: "cancelled"
        }
    }
}
