/// A request in the decode batch: its sequence state and the generation bookkeeping of
/// `LlamaModel.generate` (sampler, stop tokens, stop-sequence matcher, history), advanced one
/// token per step. Owned by the scheduler's loop.
final class ActiveRequest {
    let scheduled: ScheduledRequest
    let state: LlamaRunState
    /// The token to run in the next decode step (the last one sampled).
    private(set) var pendingToken = 0
    private var sampler: Sampler
    private var matcher: StopSequenceMatcher
    private var history: [Int]
    private var streamed: [Int] = []
    private let stopTokens: Set<Int>

    /// A request whose prompt is about to be prefilled into `state`.
    init(_ scheduled: ScheduledRequest, state: LlamaRunState, endOfSequenceTokenIDs: Set<Int>) throws(OpenLoRAError) {
        let options = scheduled.request.options
        self.scheduled = scheduled
        self.state = state
        sampler = try Sampler(options.sampling)
        matcher = StopSequenceMatcher(options.stopSequences)
        history = scheduled.request.prompt
        stopTokens = options.stopTokenIDs ?? endOfSequenceTokenIDs
    }

    var adapter: LoRAAdapter? { scheduled.request.adapter }

    /// Chooses the next token from `logits` (the last position's, one per vocabulary entry)
    /// and streams what is safe to stream. Returns nil when the request goes on (its
    /// `pendingToken` is set), or its result when it has ended, exactly as `generate` ends.
    func advance(logits: UnsafeBufferPointer<Float>) -> GenerationResult? {
        let maximum = scheduled.request.options.maximumTokenCount
        guard matcher.tokens.count < maximum else { return finish(.maximumTokens) }
        let token = sampler.sample(logits, history: history)
        if stopTokens.contains(token) { return finish(.stopToken(token)) }
        history.append(token)
        let (released, matched) = matcher.append(token)
        guard stream(released) else { return GenerationResult(tokens: streamed, stopReason: .cancelled) }
        if let matched { return GenerationResult(tokens: streamed, stopReason: .stopSequence(matched)) }
        if matcher.tokens.count == maximum { return finish(.maximumTokens) }
        if state.position == state.cache.capacity { return finish(.contextFull) }
        pendingToken = token
        return nil
    }

    /// Ends the request for `reason`, streaming the tokens still held back.
    func finish(_ reason: StopReason) -> GenerationResult {
        guard stream(matcher.flush()) else { return GenerationResult(tokens: streamed, stopReason: .cancelled) }
        return GenerationResult(tokens: streamed, stopReason: reason)
    }

    /// The tokens streamed so far, ended as cancelled (the scheduler stopped).
    func cancelled() -> GenerationResult {
        GenerationResult(tokens: streamed, stopReason: .cancelled)
    }

    private func stream(_ tokens: ArraySlice<Int>) -> Bool {
        for token in tokens {
            streamed.append(token)
            guard scheduled.onToken(token) else { return false }
        }
        return true
    }
}
