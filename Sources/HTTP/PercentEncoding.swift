/// Percent-decoding of URI components (RFC 3986 §2.1) and of form-encoded query strings.
public enum PercentEncoding {
    /// `text` with every `%XX` replaced by its byte, and `+` by a space when `plusAsSpace`
    /// (the `application/x-www-form-urlencoded` rule for query strings). Nil when a `%` is
    /// not followed by two hexadecimal digits or the bytes are not UTF-8.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> String? {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < input.count, let high = HTTPSyntax.hexValue(input[index + 1]),
                      let low = HTTPSyntax.hexValue(input[index + 2]) else { return nil }
                output.append(UInt8(high * 16 + low))
                index += 3
            } else {
                output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }
}
