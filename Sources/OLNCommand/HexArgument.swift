import Wire

/// Identifiers and hashes given on the command line: 64 hexadecimal digits, with or
/// without a `0x` prefix.
enum HexArgument {
    static func identifier(_ text: String, option: String, topic: String) throws -> [UInt8] {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard digits.count == 64, let bytes = try? Base16.decode(digits, byteCountMax: 32) else {
            throw UsageError("\(option) must be 64 hexadecimal digits (a 32-byte identifier), not '\(text)'",
                             topic: topic)
        }
        return bytes
    }

    /// The required `option` value, or with `positional` the first positional argument when
    /// the option is absent (take every other option first).
    static func required(_ parser: inout ArgumentParser, option: String, positional: Bool = false,
                         topic: String) throws -> [UInt8] {
        let given = try parser.takeOption(option, topic: topic)
        guard let text = given ?? (positional ? parser.nextPositional() : nil) else {
            throw UsageError("\(option) ID is required", topic: topic)
        }
        return try identifier(text, option: option, topic: topic)
    }
}
