import ModelFiles

/// A supervised example: the user's prompt and the assistant's response. A document is read
/// as rows when its payload is one JSON object, or JSON lines of objects, each with string
/// fields "prompt" and "response"; anything else that is UTF-8 is plain text.
public struct PromptResponseRow: Sendable, Equatable {
    /// The user's turn (masked out of the loss).
    public let prompt: String
    /// The assistant's turn (the loss's targets).
    public let response: String

    /// A row.
    public init(prompt: String, response: String) {
        self.prompt = prompt
        self.response = response
    }

    /// The JSON nesting depth a row may have (an object of strings needs 1).
    static let jsonDepthMax = 4

    /// The rows of `payload`, or nil when it is not a row document (then it is plain text).
    public static func rows(in payload: [UInt8]) -> [PromptResponseRow]? {
        if let row = row(in: payload[...]) { return [row] }
        var rows: [PromptResponseRow] = []
        for line in payload.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let row = row(in: line) else { return nil }
            rows.append(row)
        }
        return rows.isEmpty ? nil : rows
    }

    private static func row(in bytes: ArraySlice<UInt8>) -> PromptResponseRow? {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              first == UInt8(ascii: "{"),
              let value = try? JSONParser.parse(Array(bytes), depthMax: jsonDepthMax),
              let object = value.object,
              let prompt = object["prompt"]?.string, let response = object["response"]?.string else { return nil }
        return PromptResponseRow(prompt: prompt, response: response)
    }
}
