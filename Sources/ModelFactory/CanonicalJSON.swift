/// A minimal JSON writer for values whose bytes must not change between runs or platforms:
/// object keys sorted by their UTF-8 bytes, no whitespace, integers in decimal, doubles in
/// Swift's shortest round-trip form (`0.0002`, `1e-08`), strings with only `"`, `\` and
/// control characters escaped.
enum CanonicalJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// The serialized bytes.
    var bytes: [UInt8] {
        var text = ""
        write(into: &text)
        return Array(text.utf8)
    }

    /// The serialized text.
    var text: String {
        var text = ""
        write(into: &text)
        return text
    }

    private func write(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .unsigned(let value): text += String(value)
        case .number(let value):
            precondition(value.isFinite, "JSON has no NaN or infinity")
            text += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : "\(value)"
        case .string(let value): Self.writeString(value, into: &text)
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(key, into: &text)
                text += ":"
                members[key]!.write(into: &text)  // the key came from the dictionary
            }
            text += "}"
        }
    }

    private static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hexadecimal = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hexadecimal.count) + hexadecimal
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
