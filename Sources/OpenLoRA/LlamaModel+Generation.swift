extension LlamaModel {
    /// Generates tokens after `prompt`, streaming each to `onToken` as soon as it is known not
    /// to be part of a stop sequence; `onToken` returns false to stop. The prompt is appended
    /// to `state` (a fresh state when nil), so a state carries a conversation across calls:
    /// afterwards it holds the prompt and every sampled token but the last one (a sampled
    /// token is run only when another token is to follow it), so a continuation starts with
    /// that last token.
    ///
    /// With an adapter, every forward pass applies it (see `forward(_:state:adapter:logits:)`).
    ///
    /// Throws for invalid options, an empty prompt, a token outside the vocabulary, a
    /// prompt that does not fit in the state's remaining capacity, or an adapter loaded for
    /// another base model.
    public func generate(prompt: [Int], options: GenerationOptions = GenerationOptions(), state: LlamaRunState? = nil,
                         adapter: LoRAAdapter? = nil, onToken: (Int) -> Bool = { _ in true })
        throws(OpenLoRAError) -> GenerationResult {
        try options.validate()
        let state = state ?? makeState()
        var sampler = try Sampler(options.sampling)
        let stopTokens = options.stopTokenIDs ?? endOfSequenceTokenIDs
        var matcher = StopSequenceMatcher(options.stopSequences)
        var history = prompt
        var streamed: [Int] = []
        try forwardLast(prompt[...], state: state, adapter: adapter)
        let vocabulary = UnsafeBufferPointer(rebasing: state.logits[0..<configuration.vocabularySize])
        var reason = StopReason.maximumTokens
        while matcher.tokens.count < options.maximumTokenCount {
            let token = sampler.sample(vocabulary, history: history)
            if stopTokens.contains(token) {
                reason = .stopToken(token)
                break
            }
            history.append(token)
            let (released, matched) = matcher.append(token)
            guard Self.stream(released, to: onToken, into: &streamed) else {
                return GenerationResult(tokens: streamed, stopReason: .cancelled)
            }
            if let matched { return GenerationResult(tokens: streamed, stopReason: .stopSequence(matched)) }
            if matcher.tokens.count == options.maximumTokenCount { break }
            if state.position == state.cache.capacity {
                reason = .contextFull
                break
            }
            try forwardLast([token], state: state, adapter: adapter)
        }
        if !Self.stream(matcher.flush(), to: onToken, into: &streamed) {
            return GenerationResult(tokens: streamed, stopReason: .cancelled)
        }
        return GenerationResult(tokens: streamed, stopReason: reason)
    }

    /// Streams `tokens` one by one; false when the callback asked to stop.
    private static func stream(_ tokens: ArraySlice<Int>, to onToken: (Int) -> Bool,
                               into streamed: inout [Int]) -> Bool {
        for token in tokens {
            streamed.append(token)
            guard onToken(token) else { return false }
        }
        return true
    }
}
