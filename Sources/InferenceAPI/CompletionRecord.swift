import HTTP

/// One finished generation, as the observer sees it.
public struct CompletionRecord: Sendable, Equatable {
    /// The adapter that served it, or nil for the base model.
    public let adapterName: String?
    /// The `model` the client asked for (the adapter's name or the base model's id).
    public let model: String
    /// The prompt's token ids.
    public let promptTokenIDs: [Int]
    /// The generated token ids (without a stop token; up to the stop string, if one matched).
    public let outputTokenIDs: [Int]
    /// The prompt's text (a chat prompt as the chat template rendered it).
    public let promptText: String
    /// The generated text returned to the client.
    public let outputText: String
    /// `stop` or `length`.
    public let finishReason: String
    /// The response's id (`cmpl-…` or `chatcmpl-…`).
    public let responseID: String
    /// The request's headers (a payment or an account the node reads).
    public let requestHeaders: HTTPHeaders

    /// A record.
    public init(adapterName: String?, model: String, promptTokenIDs: [Int], outputTokenIDs: [Int], promptText: String,
                outputText: String, finishReason: String, responseID: String, requestHeaders: HTTPHeaders = [:]) {
        self.adapterName = adapterName
        self.model = model
        self.promptTokenIDs = promptTokenIDs
        self.outputTokenIDs = outputTokenIDs
        self.promptText = promptText
        self.outputText = outputText
        self.finishReason = finishReason
        self.responseID = responseID
        self.requestHeaders = requestHeaders
    }
}
