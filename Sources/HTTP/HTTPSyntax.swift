/// The character classes of HTTP's grammar (RFC 9110 §5.6, RFC 9112), on bytes.
enum HTTPSyntax {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A

    /// `tchar`: the characters of a token (method names, header names).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// A byte allowed inside a field value: HTAB, SP, VCHAR or obs-text.
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == tab || byte >= 0x20 && byte != 0x7F
    }

    /// A byte allowed in a request target: visible ASCII (the URI grammar's characters).
    static func isTargetCharacter(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// The value of a hexadecimal digit, or nil.
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// `bytes` without leading and trailing spaces and tabs (optional whitespace).
    static func trimmingOptionalWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isWhitespace($0) }) else { return [] }
        return bytes[first...last]
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmingOptionalWhitespace(_ text: String) -> String {
        String(decoding: trimmingOptionalWhitespace(Array(text.utf8)[...]), as: UTF8.self)
    }
}
