import HTTP
import OpenLoRA

extension InferenceServer {
    /// Ends a completion on the loop thread: counts it, asks the observer for its fields on
    /// the worker pool, then sends the answer (or the stream's last chunk and `[DONE]`).
    func finish(_ result: Result<GenerationResult, OpenLoRAError>, prepared: PreparedCompletion,
                session: CompletionSession, responses: CompletionResponses, streaming: Bool, responder: APIResponder) {
        let (rest, tokens, text, stoppedByString) = session.finish()
        let finishReason: String
        switch result {
        case .failure(let error):
            counters.completions.increment(["error"])
            return streaming ? responder.abort() : responder.respond(error: .serverError("Generation failed: \(error)"))
        case .success(let generation):
            guard let reason = Self.finishReason(generation.stopReason, stoppedByString: stoppedByString) else {
                counters.completions.increment(["cancelled"])
                if responder.isCancelled { return }
                let error = Self.apiError(.stopped)
                return streaming ? responder.abort() : responder.respond(error: error)
            }
            finishReason = reason
        }
        counters.completions.increment([finishReason])
        counters.promptTokens.increment(by: Double(prepared.promptTokens.count))
        counters.completionTokens.increment(by: Double(tokens.count))
        let record = CompletionRecord(adapterName: prepared.lease?.name, model: responses.model,
                                      promptTokenIDs: prepared.promptTokens, outputTokenIDs: tokens,
                                      promptText: prepared.promptText, outputText: text, finishReason: finishReason,
                                      responseID: responses.id, requestHeaders: prepared.headers)
        let usage = CompletionResponses.usage(promptTokens: prepared.promptTokens.count, completionTokens: tokens.count)
        let observer = observer
        eventLoop?.submit({ Self.objectValue(observer.extraFields(for: record)) }, completion: { extra in
            guard streaming else {
                return responder.respond(json: responses.response(text: text, finishReason: finishReason, usage: usage,
                                                                  extra: extra))
            }
            let last = responses.finalChunk(text: rest, finishReason: finishReason, usage: usage, extra: extra)
            responder.send(ServerSentEvent(data: last.jsonText))
            responder.send(.done)
            responder.finishEventStream()
        })
    }

    /// OpenAI's finish reason; nil for a generation cancelled without a stop string (the
    /// client left, or the scheduler stopped).
    static func finishReason(_ reason: StopReason, stoppedByString: Bool) -> String? {
        if stoppedByString { return "stop" }
        switch reason {
        case .stopToken, .stopSequence: return "stop"
        case .maximumTokens, .contextFull: return "length"
        case .cancelled: return nil
        }
    }

    /// The observer's value as an object (`{"value": …}` when it is not one).
    static func objectValue(_ value: APIValue) -> APIValue {
        if case .object = value { return value }
        return ["value": value]
    }
}
