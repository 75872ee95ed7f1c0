/// Amounts in SQL columns: 16 bytes big-endian, so that byte order is numeric order.
enum AmountColumn {
    static func bytes(_ amount: Amount) -> [UInt8] {
        withUnsafeBytes(of: amount.bigEndian) { [UInt8]($0) }
    }

    static func amount(_ bytes: [UInt8]) -> Amount {
        bytes.prefix(16).reduce(Amount(0)) { $0 << 8 | Amount($1) }
    }
}
