/// One server-sent event (the `text/event-stream` format of the HTML standard, §9.2):
/// optional `event:` and `id:` fields, then the data, one `data:` field per line, and an
/// empty line.
///
///     data: {"choices":[…]}\n
///     \n
public struct ServerSentEvent: Sendable, Equatable {
    /// The event's type, or nil for the default `message`.
    public var event: String?
    /// The event's id, or nil.
    public var id: String?
    /// The data; each line becomes one `data:` field.
    public var data: String

    /// An event carrying `data`.
    public init(data: String, event: String? = nil, id: String? = nil) {
        precondition(!(event ?? "").contains(where: \.isNewline) && !(id ?? "").contains(where: \.isNewline),
                     "event names and ids are one line")
        self.data = data
        self.event = event
        self.id = id
    }

    /// `data: [DONE]`, the event that ends an OpenAI-style stream.
    public static let done = ServerSentEvent(data: "[DONE]")

    /// The event's bytes.
    public var encoded: [UInt8] {
        var text = ""
        if let event { text += "event: \(event)\n" }
        if let id { text += "id: \(id)\n" }
        var line = ""
        var scalars = data.unicodeScalars.makeIterator()
        var previousWasCarriageReturn = false
        while let scalar = scalars.next() {
            if scalar == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                text += "data: \(line)\n"
                line = ""
            } else {
                line.unicodeScalars.append(scalar)
            }
        }
        text += "data: \(line)\n\n"
        return Array(text.utf8)
    }

    /// The headers of an event-stream response.
    public static var responseHeaders: HTTPHeaders {
        ["Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache"]
    }
}
