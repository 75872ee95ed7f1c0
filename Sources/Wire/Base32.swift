/// Base32 from RFC 4648 in lowercase without padding (multibase "base32").
///
/// Every five bytes become eight characters; a final partial group is written
/// with as few characters as hold its bits, the unused low bits set to zero.
public enum Base32 {
    /// The RFC 4648 alphabet in lowercase.
    public static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Maps an ASCII byte to its digit value, or 0xff if it is not in the lowercase alphabet.
    private static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The unpadded lowercase base32 text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                text.append(alphabet[Int(buffer >> UInt32(bitCount) & 0x1f)])
            }
        }
        if bitCount > 0 {
            text.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 0x1f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes that unpadded lowercase base32 `text` encodes.
    ///
    /// - Throws: ``WireError/invalidCharacter(_:)`` for characters outside the lowercase
    ///   alphabet (padding included), ``WireError/invalidText(_:)`` for an impossible length,
    ///   ``WireError/nonCanonical(_:)`` if the unused final bits are not zero, and
    ///   ``WireError/limitExceeded(_:limit:)`` if the result would exceed `byteCountMax`.
    public static func decode(_ text: String, byteCountMax: Int) throws(WireError) -> [UInt8] {
        let characters = Array(text.utf8)
        let byteCount = characters.count / 8 * 5 + (characters.count % 8 * 5) / 8
        guard byteCount <= byteCountMax else {
            throw .limitExceeded("base32 decoded byte count", limit: byteCountMax)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        var buffer: UInt32 = 0
        var bitCount = 0
        for (offset, character) in characters.enumerated() {
            let digit = digitValues[Int(character)]
            guard digit != 0xff else {
                throw .invalidCharacter("byte 0x\(String(character, radix: 16)) at offset \(offset) is not in the lowercase base32 alphabet")
            }
            buffer = (buffer << 5 | UInt32(digit)) & 0xffff
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
            }
        }
        guard ![1, 3, 6].contains(characters.count % 8) else {
            throw .invalidText("base32 text of \(characters.count) characters is not a whole number of bytes")
        }
        guard buffer & ((1 << UInt32(bitCount)) - 1) == 0 else {
            throw .nonCanonical("the unused final bits of base32 text must be zero")
        }
        return bytes
    }
}
