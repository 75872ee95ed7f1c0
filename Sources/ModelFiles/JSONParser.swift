/// A strict JSON (RFC 8259) parser for model-file headers and index files: UTF-8 input only,
/// no trailing commas or comments, escapes checked (unpaired surrogates refused), duplicate
/// object keys refused, nesting limited to `depthMax`. Errors are `.invalidJSON` with the
/// byte offset (plus `baseOffset`, so offsets name the position in the enclosing file).
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let depthMaxDefault = 64

    let bytes: UnsafeRawBufferPointer
    private let baseOffset: Int
    private let depthMax: Int
    var position = 0

    /// Parses `bytes`, which must hold exactly one JSON value (whitespace around it allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0,
                             depthMax: Int = depthMaxDefault) throws(ModelFileError) -> JSONValue {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ModelFileError(.invalidJSON, at: baseOffset, "the JSON text is not valid UTF-8")
        }
        var parser = JSONParser(bytes: bytes, baseOffset: baseOffset, depthMax: depthMax)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses `bytes`, which must hold exactly one JSON value.
    public static func parse(_ bytes: [UInt8], depthMax: Int = depthMaxDefault) throws(ModelFileError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ModelFileError) in try parse(buffer, depthMax: depthMax) }
        }
        return try result.get()
    }

    private init(bytes: UnsafeRawBufferPointer, baseOffset: Int, depthMax: Int) {
        self.bytes = bytes
        self.baseOffset = baseOffset
        self.depthMax = depthMax
    }

    func error(_ message: String) -> ModelFileError {
        ModelFileError(.invalidJSON, at: baseOffset + position, message)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(ModelFileError) {
        guard current == byte else { throw error("expected \(what)") }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(ModelFileError) -> JSONValue {
        guard let byte = current else { throw error("expected a value, found the end of the text") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(ModelFileError) {
        let text = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard bytes.count - position >= text.count,
              bytes[position..<(position + text.count)].elementsEqual(text) else {
            throw error("expected \(literal)")
        }
        position += text.count
    }

    private mutating func parseObject(depth: Int) throws(ModelFileError) -> JSONObject {
        guard depth <= depthMax else { throw error("nesting deeper than \(depthMax)") }
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return object }
        while true {
            skipWhitespace()
            let keyOffset = baseOffset + position
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after an object key")
            skipWhitespace()
            let value = try parseValue(depth: depth)
            guard object.insert(value, forKey: key, at: keyOffset) else {
                throw ModelFileError(.invalidJSON, at: keyOffset, "key \"\(key)\" appears twice in one object")
            }
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return object }
            try expect(UInt8(ascii: ","), "',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws(ModelFileError) -> [JSONValue] {
        guard depth <= depthMax else { throw error("nesting deeper than \(depthMax)") }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return elements }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return elements }
            try expect(UInt8(ascii: ","), "',' or ']' in an array")
        }
    }
}
