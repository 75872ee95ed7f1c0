import ModelFiles
import Tokenizers

/// The fields of a `/v1/completions` or `/v1/chat/completions` request that the server
/// honours, read and range-checked. Fields it cannot honour (n > 1, echo, logprobs,
/// penalties, tools, suffix, best_of) are refused rather than ignored; other unknown fields
/// (user, metadata, …) are ignored, as OpenAI's server does.
struct CompletionParameters: Sendable {
    /// Text completion or chat.
    enum Kind: Sendable {
        case text
        case chat
    }

    /// What to complete.
    enum Prompt: Sendable {
        case text(String)
        case tokens([Int])
        case chat([ChatMessage])
    }

    /// The most stop strings (OpenAI's limit).
    static let stopStringCountMax = 4
    /// The longest stop string, in bytes.
    static let stopStringByteCountMax = 256
    /// The most chat messages.
    static let messageCountMax = 1024

    var model: String
    var prompt: Prompt
    var maximumTokenCount: Int?
    var temperature: Float = 1
    var topP: Float = 1
    var stopStrings: [String] = []
    var seed: UInt64?
    var isStreaming = false

    /// Reads a request body; throws a 400 `APIError` naming the field at fault.
    init(body: [UInt8], kind: Kind, maximumTokenCountMax: Int) throws(APIError) {
        let object: JSONObject
        do {
            guard let parsed = try JSONParser.parse(body).object else {
                throw APIError.invalidRequest("The request body must be a JSON object.")
            }
            object = parsed
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidRequest("The request body is not valid JSON: \(error)")
        }
        let fields = CompletionFields(object)
        model = try fields.requiredString("model")
        switch kind {
        case .text: prompt = try fields.textPrompt()
        case .chat: prompt = .chat(try fields.messages(countMax: Self.messageCountMax))
        }
        try fields.refuseUnsupported(kind: kind)
        let maximumName = kind == .chat && object["max_completion_tokens"] != nil ? "max_completion_tokens" : "max_tokens"
        maximumTokenCount = try fields.integer(maximumName, in: 1...maximumTokenCountMax)
        temperature = Float(try fields.number("temperature", in: 0...2) ?? 1)
        topP = Float(try fields.number("top_p", in: 0...1) ?? 1)
        stopStrings = try fields.stopStrings(countMax: Self.stopStringCountMax, byteCountMax: Self.stopStringByteCountMax)
        seed = try fields.integer("seed", in: Int.min...Int.max).map { UInt64(bitPattern: Int64($0)) }
        isStreaming = try fields.bool("stream") ?? false
    }
}
