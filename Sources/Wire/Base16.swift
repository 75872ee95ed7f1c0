/// Hexadecimal text (multibase "base16"): two digits per byte, high nibble first.
public enum Base16 {
    private static let lowercaseDigits = Array("0123456789abcdef".utf8)

    /// The lowercase hexadecimal text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(lowercaseDigits[Int(byte >> 4)])
            text.append(lowercaseDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes that hexadecimal `text` encodes; upper and lower case digits are accepted.
    ///
    /// - Throws: ``WireError/invalidText(_:)`` for an odd length,
    ///   ``WireError/invalidCharacter(_:)`` for a non-hex character, and
    ///   ``WireError/limitExceeded(_:limit:)`` if the result would exceed `byteCountMax`.
    public static func decode(_ text: String, byteCountMax: Int) throws(WireError) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count / 2 <= byteCountMax else {
            throw .limitExceeded("base16 decoded byte count", limit: byteCountMax)
        }
        guard characters.count % 2 == 0 else {
            throw .invalidText("hexadecimal text has an odd number of digits (\(characters.count))")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            let high = try nibble(characters[index], offset: index)
            let low = try nibble(characters[index + 1], offset: index + 1)
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ character: UInt8, offset: Int) throws(WireError) -> UInt8 {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default:
            throw .invalidCharacter("byte 0x\(String(character, radix: 16)) at offset \(offset) is not a hexadecimal digit")
        }
    }
}
