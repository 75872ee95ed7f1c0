import Tensor

extension BatchScheduler {
    /// The positions a request's state gets, after checking everything that would make it
    /// fail later: options, an empty prompt, tokens outside the vocabulary, a prompt longer
    /// than that capacity, an adapter for another base model.
    func contextCapacity(checking request: GenerationRequest) throws(OpenLoRAError) -> Int {
        try request.options.validate()
        let configuration = model.configuration
        guard !request.prompt.isEmpty else { throw OpenLoRAError(.invalidOptions, "the prompt is empty") }
        if let bad = request.prompt.first(where: { $0 < 0 || $0 >= configuration.vocabularySize }) {
            throw OpenLoRAError(.tokenOutOfRange,
                                "token \(bad) is outside the vocabulary of \(configuration.vocabularySize)")
        }
        try request.adapter?.requireCompatible(with: configuration)
        let limit = min(configuration.contextLength, limits.contextCapacityMaximum)
        guard request.prompt.count <= limit else {
            throw OpenLoRAError(.contextOverflow, "the prompt's \(request.prompt.count) tokens exceed a request's "
                                + "context of \(limit) positions")
        }
        let (wanted, overflow) = request.prompt.count.addingReportingOverflow(max(1, request.options.maximumTokenCount))
        return overflow ? limit : min(limit, wanted)
    }

    /// Prefills a request's prompt into a new state and chooses its first token. Returns the
    /// request when it goes on decoding; nil when it already ended (its callback was called).
    func admit(_ scheduled: ScheduledRequest) -> ActiveRequest? {
        let state = model.makeState(contextCapacity: scheduled.contextCapacity,
                                    batchCapacity: limits.prefillChunkTokenCount)
        let request: ActiveRequest
        do {
            request = try ActiveRequest(scheduled, state: state, endOfSequenceTokenIDs: model.endOfSequenceTokenIDs)
            try model.forwardLast(scheduled.request.prompt[...], state: state, adapter: scheduled.request.adapter)
        } catch {
            scheduled.finish(.failure(error))
            return nil
        }
        let vocabulary = UnsafeBufferPointer(rebasing: state.logits[0..<model.configuration.vocabularySize])
        if let result = request.advance(logits: vocabulary) {
            scheduled.finish(.success(result))
            return nil
        }
        return request
    }

    /// One `decodeBatch` over every active request, each then advanced with its row of logits;
    /// the requests that ended leave the batch. Returns how many ended.
    func decodeStep(_ loop: inout SchedulerLoop) -> Int {
        let active = loop.active
        let logits: FloatTensor
        do {
            logits = try model.decodeBatch(tokens: active.map(\.pendingToken), states: active.map(\.state),
                                           adapters: active.map(\.adapter), workspace: loop.workspace)
        } catch {
            for request in active { request.scheduled.finish(.failure(error)) }
            loop.active.removeAll()
            return active.count
        }
        let vocabulary = model.configuration.vocabularySize
        var remaining: [ActiveRequest] = []
        remaining.reserveCapacity(active.count)
        logits.scalars.withUnsafeBufferPointer { rows in
            for (row, request) in active.enumerated() {
                let slice = UnsafeBufferPointer(rebasing: rows[(row * vocabulary)..<((row + 1) * vocabulary)])
                if let result = request.advance(logits: slice) {
                    request.scheduled.finish(.success(result))
                } else {
                    remaining.append(request)
                }
            }
        }
        loop.active = remaining
        return active.count - remaining.count
    }
}
