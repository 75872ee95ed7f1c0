import OpenLoRA

/// Decode and prompt-processing tokens/s of one model: the best of three runs of each. The
/// token ids are fixed (llama.cpp gets the same ones), so both runtimes do the same work: a
/// forward pass with the last position's logits per step.
struct SpeedMeasurement {
    /// The prompt's ids.
    let promptTokens: [Int]
    /// The ids fed one at a time after the prompt.
    let decodeTokens: [Int]
    let prompt: Double
    let decode: Double

    static let repetitions = 3

    /// Fixed ids spread over the vocabulary (above the first 200, where special tokens sit).
    static func tokens(count: Int, vocabularySize: Int, stride: Int) -> [Int] {
        (0..<count).map { 200 + ($0 * stride) % (vocabularySize - 200) }
    }

    /// Prompt processing: the prompt through a fresh state. Decode: then the decode tokens one
    /// forward pass each.
    static func measure(_ model: LlamaModel, promptTokenCount: Int, decodeTokenCount: Int) throws -> SpeedMeasurement {
        let vocabulary = model.configuration.vocabularySize
        let prompt = tokens(count: promptTokenCount, vocabularySize: vocabulary, stride: 7919)
        let steps = tokens(count: decodeTokenCount, vocabularySize: vocabulary, stride: 104_729)
        let state = model.makeState(contextCapacity: promptTokenCount + decodeTokenCount)
        _ = try model.forward(Array(prompt.prefix(8)), state: state)  // warm-up: pages the weights in
        var bestPrompt = 0.0, bestDecode = 0.0
        for _ in 0..<repetitions {
            state.reset()
            var start = ModelBenchmark.seconds()
            _ = try model.forward(prompt, state: state)
            bestPrompt = max(bestPrompt, Double(promptTokenCount) / (ModelBenchmark.seconds() - start))
            start = ModelBenchmark.seconds()
            for token in steps { _ = try model.forward([token], state: state) }
            bestDecode = max(bestDecode, Double(decodeTokenCount) / (ModelBenchmark.seconds() - start))
        }
        return SpeedMeasurement(promptTokens: prompt, decodeTokens: steps, prompt: bestPrompt, decode: bestDecode)
    }
}
