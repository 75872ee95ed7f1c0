/// GPT-2's byte-to-unicode table: every byte is written as one printable scalar, so that byte
/// strings can be BPE-merged as text. Printable Latin-1 bytes ('!'…'~', '¡'…'¬', '®'…'ÿ')
/// stand for themselves; the other 68 bytes, in order, become U+0100, U+0101, …
/// (space 0x20 becomes 'Ġ' U+0120, newline 0x0A becomes 'Ċ' U+010A).
enum ByteLevelAlphabet {
    /// The scalar that stands for each byte.
    static let scalars: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if isPrintable(byte) {
                table[byte] = Unicode.Scalar(UInt8(byte))
            } else {
                table[byte] = Unicode.Scalar(next)!  // 256…323 are all valid scalars
                next += 1
            }
        }
        return table
    }()

    /// The byte each table scalar stands for, indexed by scalar value (0…323); -1 where none.
    static let bytes: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (byte, scalar) in scalars.enumerated() { table[Int(scalar.value)] = Int16(byte) }
        return table
    }()

    private static func isPrintable(_ byte: Int) -> Bool {
        (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
    }

    /// `text`'s UTF-8 bytes written in the table's scalars.
    static func encode<S: Sequence>(_ utf8: S) -> [Unicode.Scalar] where S.Element == UInt8 {
        utf8.map { scalars[Int($0)] }
    }

    /// The bytes `token` stands for, or nil when one of its scalars is not in the table.
    static func decode(_ token: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(token.unicodeScalars.count)
        for scalar in token.unicodeScalars {
            guard scalar.value < 324 else { return nil }
            let byte = bytes[Int(scalar.value)]
            guard byte >= 0 else { return nil }
            result.append(UInt8(byte))
        }
        return result
    }
}
