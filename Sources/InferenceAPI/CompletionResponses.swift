/// The JSON shapes of OpenAI's completion answers: whole responses and stream chunks, for
/// text completions (`text_completion`) and chat (`chat.completion`, `chat.completion.chunk`).
struct CompletionResponses: Sendable {
    let kind: CompletionParameters.Kind
    let id: String
    let model: String
    let created: Int

    /// The whole answer.
    func response(text: String, finishReason: String, usage: APIValue, extra: APIValue) -> APIValue {
        let choice: APIValue
        switch kind {
        case .text:
            choice = ["text": .string(text), "index": 0, "logprobs": nil, "finish_reason": .string(finishReason)]
        case .chat:
            choice = ["index": 0, "message": ["role": "assistant", "content": .string(text)], "logprobs": nil,
                      "finish_reason": .string(finishReason)]
        }
        return header(object: kind == .text ? "text_completion" : "chat.completion")
            + [("choices", [choice]), ("usage", usage), ("oln", extra)]
    }

    /// The first chat chunk, which names the assistant role (text streams have none).
    func roleChunk() -> APIValue? {
        guard kind == .chat else { return nil }
        return chunk(delta: ["role": "assistant", "content": ""], finishReason: nil)
    }

    /// A chunk carrying `text`.
    func textChunk(_ text: String) -> APIValue {
        kind == .chat ? chunk(delta: ["content": .string(text)], finishReason: nil) : chunk(text: text, finishReason: nil)
    }

    /// The last chunk: the finish reason, the usage and the observer's fields.
    func finalChunk(text: String, finishReason: String, usage: APIValue, extra: APIValue) -> APIValue {
        let last = kind == .chat
            ? chunk(delta: text.isEmpty ? [:] : ["content": .string(text)], finishReason: finishReason)
            : chunk(text: text, finishReason: finishReason)
        guard case .object(let members) = last else { return last }
        return .object(members + [("usage", usage), ("oln", extra)])
    }

    static func usage(promptTokens: Int, completionTokens: Int) -> APIValue {
        ["prompt_tokens": .integer(promptTokens), "completion_tokens": .integer(completionTokens),
         "total_tokens": .integer(promptTokens + completionTokens)]
    }

    private func chunk(delta: APIValue, finishReason: String?) -> APIValue {
        let choice: APIValue = ["index": 0, "delta": delta, "logprobs": nil,
                                "finish_reason": finishReason.map(APIValue.string) ?? nil]
        return header(object: "chat.completion.chunk") + [("choices", [choice])]
    }

    private func chunk(text: String, finishReason: String?) -> APIValue {
        let choice: APIValue = ["text": .string(text), "index": 0, "logprobs": nil,
                                "finish_reason": finishReason.map(APIValue.string) ?? nil]
        return header(object: "text_completion") + [("choices", [choice])]
    }

    private func header(object: String) -> APIValue {
        ["id": .string(id), "object": .string(object), "created": .integer(created), "model": .string(model)]
    }
}
