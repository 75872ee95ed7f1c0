/// Bytes from a hexadecimal test vector; whitespace is ignored so long vectors can wrap.
/// Independent of the project's own `Base16`, so vectors do not test the code with itself.
public func hex(_ text: String) -> [UInt8] {
    [UInt8](hex: text)
}

extension Array where Element == UInt8 {
    /// Decodes a hexadecimal test vector; traps on a malformed vector (a bug in the test).
    public init(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }.map { character -> UInt8 in
            guard let digit = UInt8(String(character), radix: 16) else { preconditionFailure("bad hex digit in vector") }
            return digit
        }
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in vector")
        self = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// The bytes as lowercase hexadecimal text.
    public var hex: String {
        map { String($0 >> 4, radix: 16) + String($0 & 0x0f, radix: 16) }.joined()
    }
}
