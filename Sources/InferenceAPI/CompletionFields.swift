import ModelFiles
import Tokenizers

/// Typed, checked access to a request object's fields; every failure is a 400 `APIError`
/// that names the field.
struct CompletionFields {
    let object: JSONObject

    init(_ object: JSONObject) {
        self.object = object
    }

    /// The field, treating an explicit null as absent.
    private func value(_ name: String) -> JSONValue? {
        guard let value = object[name], value != .null else { return nil }
        return value
    }

    func requiredString(_ name: String) throws(APIError) -> String {
        guard let text = value(name)?.string else {
            throw APIError.invalidRequest("`\(name)` is required and must be a string.", parameter: name)
        }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let field = value(name) else { return nil }
        guard let number = field.integer, range.contains(number) else {
            throw APIError.invalidRequest("`\(name)` must be an integer in \(range.lowerBound)...\(range.upperBound).",
                                          parameter: name)
        }
        return number
    }

    func number(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let field = value(name) else { return nil }
        guard let number = field.number, range.contains(number) else {
            throw APIError.invalidRequest("`\(name)` must be a number in \(range.lowerBound)...\(range.upperBound).",
                                          parameter: name)
        }
        return number
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let field = value(name) else { return nil }
        guard let flag = field.bool else { throw APIError.invalidRequest("`\(name)` must be a boolean.", parameter: name) }
        return flag
    }

    /// `prompt`: a string, an array of one string, an array of token ids, or an array of one
    /// array of token ids.
    func textPrompt() throws(APIError) -> CompletionParameters.Prompt {
        let wrong = APIError.invalidRequest("`prompt` must be a string or an array of token ids (one prompt per "
                                            + "request).", parameter: "prompt")
        guard let field = value("prompt") else { throw wrong }
        if let text = field.string { return .text(text) }
        guard var elements = field.array else { throw wrong }
        if elements.count == 1, let inner = elements[0].array { elements = inner }
        if elements.count == 1, let text = elements[0].string { return .text(text) }
        let tokens = elements.compactMap(\.integer)
        guard !tokens.isEmpty, tokens.count == elements.count else { throw wrong }
        return .tokens(tokens)
    }

    /// `messages`: objects with a `role` and a `content` that is a string or an array of
    /// `{"type": "text", "text": …}` parts.
    func messages(countMax: Int) throws(APIError) -> [ChatMessage] {
        guard let elements = value("messages")?.array, !elements.isEmpty, elements.count <= countMax else {
            throw APIError.invalidRequest("`messages` must be an array of 1...\(countMax) messages.", parameter: "messages")
        }
        var messages: [ChatMessage] = []
        for (index, element) in elements.enumerated() {
            guard let message = element.object, let role = message["role"]?.string else {
                throw APIError.invalidRequest("messages[\(index)] needs a string `role`.", parameter: "messages")
            }
            let content = try Self.content(message["content"], index: index)
            messages.append(ChatMessage(role: ChatRole(rawValue: role), content: content))
        }
        return messages
    }

    private static func content(_ value: JSONValue?, index: Int) throws(APIError) -> String {
        if let text = value?.string { return text }
        if value == nil || value == .null { return "" }
        let wrong = APIError.invalidRequest("messages[\(index)].content must be a string or an array of text parts.",
                                            parameter: "messages")
        guard let parts = value?.array else { throw wrong }
        var text = ""
        for part in parts {
            guard let object = part.object, object["type"]?.string == "text", let piece = object["text"]?.string else {
                throw wrong
            }
            text += piece
        }
        return text
    }

    /// `stop`: a string or an array of strings.
    func stopStrings(countMax: Int, byteCountMax: Int) throws(APIError) -> [String] {
        guard let field = value("stop") else { return [] }
        let strings = field.string.map { [$0] } ?? field.array?.compactMap(\.string)
        guard let strings, strings.count == (field.array?.count ?? 1), strings.count <= countMax,
              strings.allSatisfy({ !$0.isEmpty && $0.utf8.count <= byteCountMax }) else {
            throw APIError.invalidRequest("`stop` must be a string or up to \(countMax) non-empty strings of at most "
                                          + "\(byteCountMax) bytes.", parameter: "stop")
        }
        return strings
    }

    /// Refuses fields asking for features the server does not implement.
    func refuseUnsupported(kind: CompletionParameters.Kind) throws(APIError) {
        if let n = value("n"), n.integer != 1 { throw Self.unsupported("n", "only n = 1 is supported") }
        if let field = value("best_of"), field.integer != 1 { throw Self.unsupported("best_of", "only best_of = 1 is supported") }
        if let field = value("echo"), field.bool != false { throw Self.unsupported("echo", "echo is not supported") }
        if let field = value("logprobs"), field.bool != false { throw Self.unsupported("logprobs", "log probabilities are not supported") }
        if value("suffix") != nil { throw Self.unsupported("suffix", "suffix is not supported") }
        if value("tools") != nil || value("functions") != nil { throw Self.unsupported("tools", "tool calls are not supported") }
        for penalty in ["frequency_penalty", "presence_penalty"] {
            if let field = value(penalty), field.number != 0 { throw Self.unsupported(penalty, "\(penalty) is not supported") }
        }
        if let bias = value("logit_bias"), bias.object.map({ $0.count > 0 }) ?? true {
            throw Self.unsupported("logit_bias", "logit_bias is not supported")
        }
    }

    private static func unsupported(_ name: String, _ message: String) -> APIError {
        APIError.invalidRequest("`\(name)`: \(message) by this server.", parameter: name, code: "unsupported_parameter")
    }
}
