import HTTP
import Wire

/// The header fields of `/oln/infer/1` messages (``InferRequest``, ``InferResponse``):
/// each a nested `Header { string name = 1; string value = 2; }`, the name an HTTP token,
/// the value free of control characters other than tab (left out when empty). A message
/// holds at most `countMax` fields of `byteCountMax` name and value bytes together.
enum InferHeaders {
    /// Writes `headers` as repeated field `field`.
    static func write(_ headers: HTTPHeaders, field: Int, to writer: inout ProtobufWriter) {
        for (name, value) in headers {
            var header = ProtobufWriter()
            header.writeString(name, field: 1)
            header.writeStringIfNotEmpty(value, field: 2)
            writer.writeMessage(header, field: field)
        }
    }

    /// Appends the header held in `field` to `headers`, within the limits.
    static func read(_ field: ProtobufField, from reader: ProtobufReader, into headers: inout HTTPHeaders,
                     countMax: Int, byteCountMax: Int) throws(WireError) {
        guard headers.count < countMax else { throw .limitExceeded("header fields", limit: countMax) }
        var nested = try reader.nestedReader(for: field)
        var name: String?
        var value = ""
        var previous = 0
        while let part = try nested.nextField(after: &previous) {
            switch part.number {
            case 1: name = try part.string()
            case 2:
                value = try part.string()
                guard !value.isEmpty else { throw .nonCanonical("an empty header value is left out") }
            default: throw .unknownField(part.number)
            }
        }
        guard let name else { throw .missingField(1) }
        guard isToken(name) else { throw .invalidText("a header name is an HTTP token") }
        guard isFieldValue(value) else { throw .invalidText("a header value holds no control characters") }
        let total = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        guard total + name.utf8.count + value.utf8.count <= byteCountMax else {
            throw .limitExceeded("header bytes", limit: byteCountMax)
        }
        headers.add(name: name, value: value)
    }

    /// Whether `text` may be a header value: no control characters other than tab.
    static func isFieldValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// Whether `text` is an HTTP token (RFC 9110 §5.6.2): a method or a field name.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
