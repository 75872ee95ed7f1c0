/// Base58 with the Bitcoin alphabet (multibase "base58btc").
///
/// Each leading zero byte becomes a leading `1`; the rest is the big-endian
/// number written in base 58.
public enum Base58 {
    /// The Bitcoin alphabet: digits and letters without `0`, `O`, `I` and `l`.
    public static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Maps an ASCII byte to its digit value, or 0xff if it is not in the alphabet.
    private static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The base58btc text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeroCount = input.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        digits.reserveCapacity(input.count * 138 / 100 + 1)
        for byte in input[zeroCount...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var text = [UInt8](repeating: alphabet[0], count: zeroCount)
        text.append(contentsOf: digits.reversed().map { alphabet[Int($0)] })
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes that base58btc `text` encodes.
    ///
    /// - Parameter byteCountMax: the most bytes the result may have; text too long to
    ///   fit is rejected before any arithmetic.
    /// - Throws: ``WireError/invalidCharacter(_:)`` for a character outside the alphabet,
    ///   ``WireError/limitExceeded(_:limit:)`` if the result would exceed `byteCountMax`.
    public static func decode(_ text: String, byteCountMax: Int) throws(WireError) -> [UInt8] {
        guard text.utf8.count <= textByteCountMax(forByteCountMax: byteCountMax) else {
            throw .limitExceeded("base58 decoded byte count", limit: byteCountMax)
        }
        let digits = try digitValues(of: Array(text.utf8))
        let zeroCount = digits.prefix { $0 == 0 }.count
        var number: [UInt8] = []  // base-256 digits, least significant first
        number.reserveCapacity(digits.count * 733 / 1000 + 1)
        for digit in digits[zeroCount...] {
            var carry = Int(digit)
            for index in number.indices {
                carry += Int(number[index]) * 58
                number[index] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                number.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        let result = [UInt8](repeating: 0, count: zeroCount) + number.reversed()
        guard result.count <= byteCountMax else {
            throw .limitExceeded("base58 decoded byte count", limit: byteCountMax)
        }
        return result
    }

    /// The longest text that can decode to at most `byteCountMax` bytes
    /// (each byte needs at most log(256)/log(58) < 1.38 characters).
    static func textByteCountMax(forByteCountMax byteCountMax: Int) -> Int {
        let (scaled, overflow) = max(byteCountMax, 0).multipliedReportingOverflow(by: 138)
        return overflow ? Int.max : scaled / 100 + 1
    }

    private static func digitValues(of characters: [UInt8]) throws(WireError) -> [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(characters.count)
        for (offset, character) in characters.enumerated() {
            let digit = digitValues[Int(character)]
            guard digit != 0xff else {
                throw .invalidCharacter("byte 0x\(String(character, radix: 16)) at offset \(offset) is not in the base58btc alphabet")
            }
            digits.append(digit)
        }
        return digits
    }
}
