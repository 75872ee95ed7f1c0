import ModelFiles

/// JSON text for a `JSONValue`, as Python's `json.dumps(value, indent=2, sort_keys=True)`
/// writes it (PEFT writes adapter_config.json that way): members sorted by key, two-space
/// indentation, `": "` and `","` separators, empty containers as `{}` and `[]`, non-ASCII
/// characters escaped as `\uXXXX` (surrogate pairs beyond the BMP).
enum JSONText {
    static func serialize(_ value: JSONValue) -> String {
        var text = ""
        write(value, indentation: 0, into: &text)
        return text
    }

    private static func write(_ value: JSONValue, indentation: Int, into text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .integer(let integer): text += String(integer)
        case .number(let number): text += format(number)
        case .string(let string): text += quoted(string)
        case .array(let elements):
            guard !elements.isEmpty else { text += "[]"; return }
            text += "["
            for (index, element) in elements.enumerated() {
                text += (index == 0 ? "\n" : ",\n") + indent(indentation + 1)
                write(element, indentation: indentation + 1, into: &text)
            }
            text += "\n" + indent(indentation) + "]"
        case .object(let object):
            guard object.count > 0 else { text += "{}"; return }
            text += "{"
            let keys = object.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes(
                Array($1.unicodeScalars.map(\.value))) }
            for (index, key) in keys.enumerated() {
                text += (index == 0 ? "\n" : ",\n") + indent(indentation + 1) + quoted(key) + ": "
                write(object[key] ?? .null, indentation: indentation + 1, into: &text)
            }
            text += "\n" + indent(indentation) + "}"
        }
    }

    private static func indent(_ level: Int) -> String { String(repeating: " ", count: 2 * level) }

    /// Python's float repr: the shortest round-tripping digits, `.0` on integral values.
    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity") }
        let text = "\(number)"
        return text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"
    }

    private static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case " "..."~": result.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 { result += "\\u" + hex4(unit) }
            }
        }
        return result + "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
