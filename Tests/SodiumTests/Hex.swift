/// Test helpers for writing known-answer vectors as hexadecimal text.
extension Array where Element == UInt8 {
    /// Decodes hexadecimal text; whitespace is ignored so long vectors can be wrapped.
    init(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }.map { UInt8(String($0), radix: 16)! }
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits")
        self = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// The bytes as lowercase hexadecimal text.
    var hex: String {
        map { String($0 >> 4, radix: 16) + String($0 & 0x0f, radix: 16) }.joined()
    }
}
