import Foundation
import HTTP
import OpenLoRA
import Tokenizers

extension InferenceServer {
    /// `POST /v1/completions` and `POST /v1/chat/completions`: reads the request, prepares
    /// the prompt and the adapter on the worker pool, then submits to the scheduler.
    func handleCompletion(_ request: APIRequest, responder: APIResponder, kind: CompletionParameters.Kind) {
        let parameters: CompletionParameters
        do {
            parameters = try CompletionParameters(body: request.http.body, kind: kind,
                                                  maximumTokenCountMax: configuration.maximumTokenCountMax)
        } catch {
            return responder.respond(error: error)
        }
        let adapterName = parameters.model == configuration.baseModelID ? nil : parameters.model
        if let adapterName, !adapters.adapterNames.contains(adapterName) {
            return responder.respond(error: .modelNotFound(parameters.model))
        }
        if let refusal = observer.admit(model: parameters.model, adapterName: adapterName, headers: request.http.headers) {
            return responder.respond(error: refusal)
        }
        let headers = request.http.headers
        guard let eventLoop else { return }
        eventLoop.submit({ [self] () -> Result<PreparedCompletion, APIError> in
            do throws(APIError) {
                return .success(try prepare(parameters, adapterName: adapterName))
            } catch {
                return .failure(error)
            }
        }, completion: { [self] result in
            switch result {
            case .failure(let error): responder.respond(error: error)
            case .success(var prepared):
                prepared.headers = headers
                submit(prepared, parameters: parameters, kind: kind, responder: responder)
            }
        })
    }

    /// Tokenizes the prompt, checks it against the context, and leases the adapter. Runs on
    /// the worker pool (tokenizing and loading an adapter take time).
    private func prepare(_ parameters: CompletionParameters, adapterName: String?) throws(APIError) -> PreparedCompletion {
        let (tokens, text) = try promptTokens(parameters.prompt)
        guard !tokens.isEmpty else { throw APIError.invalidRequest("The prompt is empty.", parameter: "prompt") }
        let maximum = try maximumTokenCount(promptCount: tokens.count, requested: parameters.maximumTokenCount)
        var lease: AdapterLease?
        if let adapterName {
            do {
                lease = try adapters.lease(named: adapterName)
            } catch {
                if error.kind == .adapterCacheFull {
                    throw APIError(status: .serviceUnavailable, message: "Every cached adapter is in use; retry shortly.",
                                   type: "server_error", code: "adapter_cache_full")
                }
                throw APIError.serverError("The adapter \(adapterName) could not be loaded: \(error.message)")
            }
            guard lease != nil else { throw APIError.modelNotFound(adapterName) }
        }
        return PreparedCompletion(promptTokens: tokens, promptText: text, maximumTokenCount: maximum, lease: lease)
    }

    private func promptTokens(_ prompt: CompletionParameters.Prompt) throws(APIError) -> ([Int], String) {
        switch prompt {
        case .text(let text):
            return (tokenizer.encode(text), text)
        case .tokens(let tokens):
            let vocabulary = scheduler.model.configuration.vocabularySize
            guard tokens.allSatisfy({ (0..<vocabulary).contains($0) }) else {
                throw APIError.invalidRequest("A prompt token id is outside the vocabulary of \(vocabulary).",
                                              parameter: "prompt")
            }
            return (tokens, tokenizer.decode(tokens))
        case .chat(let messages):
            guard let template = configuration.chatTemplate ?? tokenizer.chatTemplate else {
                throw APIError.invalidRequest("The model has no chat template this server can render; use "
                                              + "/v1/completions.", parameter: "messages")
            }
            do {
                let text = try template.render(
                    messages, system: .templateDefault, addingGenerationPrompt: true,
                    beginningOfSequence: tokenizer.specialTokens.beginningOfSequence.flatMap(tokenizer.vocabulary.token(for:)) ?? "",
                    endOfSequence: tokenizer.specialTokens.endOfSequence.flatMap(tokenizer.vocabulary.token(for:)) ?? "")
                return (tokenizer.encode(text, addingSpecialTokens: false), text)
            } catch {
                throw APIError.invalidRequest("The conversation cannot be rendered: \(error.message)", parameter: "messages")
            }
        }
    }

    /// The tokens a request may generate: its `max_tokens`, or the default capped by what
    /// the context has left. Throws `context_length_exceeded` when the prompt (plus an
    /// explicit `max_tokens`) does not fit.
    private func maximumTokenCount(promptCount: Int, requested: Int?) throws(APIError) -> Int {
        let context = min(scheduler.model.configuration.contextLength, scheduler.limits.contextCapacityMaximum)
        let wanted = requested ?? 1
        guard promptCount < context, promptCount <= context - wanted else {
            throw APIError.invalidRequest(
                "This model's maximum context length is \(context) tokens. However, you requested "
                + "\(promptCount + wanted) tokens (\(promptCount) in the prompt, \(wanted) for the completion). "
                + "Shorten the prompt or lower max_tokens.", parameter: "messages", code: "context_length_exceeded")
        }
        return requested ?? min(configuration.defaultMaximumTokenCount, context - promptCount)
    }

    /// Submits the generation; streams tokens as they come when asked to.
    private func submit(_ prepared: PreparedCompletion, parameters: CompletionParameters, kind: CompletionParameters.Kind,
                        responder: APIResponder) {
        guard let eventLoop else { return }
        let session = CompletionSession(tokenizer: tokenizer, stopStrings: parameters.stopStrings)
        let prefix = kind == .chat ? "chatcmpl-" : "cmpl-"
        let responses = CompletionResponses(kind: kind, id: prefix + Self.randomIdentifier(),
                                            model: parameters.model, created: Int(Date().timeIntervalSince1970))
        let request = generationRequest(prepared, parameters: parameters)
        let streaming = parameters.isStreaming
        let tokenRate = counters.tokenRate
        do {
            try scheduler.submit(request, onToken: { token in
                guard !responder.isCancelled else { return false }
                tokenRate.record(1, now: tokenRate.elapsed)
                let (text, continues) = session.accept(token)
                if streaming && !text.isEmpty { responder.send(ServerSentEvent(data: responses.textChunk(text).jsonText)) }
                return continues
            }, onFinish: { [self] result in
                eventLoop.execute { [self] in
                    finish(result, prepared: prepared, session: session, responses: responses, streaming: streaming,
                           responder: responder)
                }
            })
        } catch {
            return responder.respond(error: Self.apiError(error))
        }
        guard streaming else { return }
        responder.startEventStream()
        if let role = responses.roleChunk() { responder.send(ServerSentEvent(data: role.jsonText)) }
    }

    private func generationRequest(_ prepared: PreparedCompletion, parameters: CompletionParameters) -> GenerationRequest {
        let greedyByTopP = parameters.topP == 0
        let sampling = SamplingParameters(temperature: parameters.temperature, topK: greedyByTopP ? 1 : 0,
                                          topP: greedyByTopP ? 1 : parameters.topP,
                                          seed: parameters.seed ?? UInt64.random(in: .min ... .max))
        var stopTokens = scheduler.model.endOfSequenceTokenIDs
        if let end = tokenizer.specialTokens.endOfSequence { stopTokens.insert(end) }
        let options = GenerationOptions(maximumTokenCount: prepared.maximumTokenCount, sampling: sampling,
                                        stopTokenIDs: stopTokens)
        guard let lease = prepared.lease else { return GenerationRequest(prompt: prepared.promptTokens, options: options) }
        return GenerationRequest(prompt: prepared.promptTokens, options: options, lease: lease)
    }

    static func apiError(_ refusal: SchedulerRefusal) -> APIError {
        switch refusal {
        case .queueFull(let capacity):
            APIError(status: .tooManyRequests, message: "The server is busy: \(capacity) requests are already waiting. "
                     + "Retry shortly.", type: "rate_limit_error", code: "queue_full")
        case .stopped:
            APIError(status: .serviceUnavailable, message: "The server is shutting down.", type: "server_error")
        case .invalidRequest(let error) where error.kind == .contextOverflow:
            .invalidRequest(error.message, parameter: "messages", code: "context_length_exceeded")
        case .invalidRequest(let error):
            .invalidRequest(error.message)
        }
    }

    /// 24 random hexadecimal digits.
    static func randomIdentifier() -> String {
        (0..<12).map { _ in
            let byte = UInt8.random(in: 0...255)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
