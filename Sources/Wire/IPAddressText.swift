import Glibc

/// Text forms of IP addresses: dotted decimal for IPv4 and RFC 5952 for IPv6.
enum IPAddressText {
    /// The four bytes of a dotted-decimal IPv4 address such as `127.0.0.1`.
    /// Each part is 0…255 in decimal without a sign or leading zeros.
    static func parseIPv4(_ text: some StringProtocol) throws(WireError) -> [UInt8] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw .invalidText("\"\(text)\" is not a dotted-decimal IPv4 address") }
        var bytes: [UInt8] = []
        for part in parts {
            guard let value = decimal(part, maximum: 255) else {
                throw .invalidText("\"\(text)\" is not a dotted-decimal IPv4 address")
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// The dotted-decimal text of four address bytes.
    static func formatIPv4(_ bytes: some Collection<UInt8>) -> String {
        bytes.map(String.init).joined(separator: ".")
    }

    /// The sixteen bytes of an IPv6 address in any RFC 4291 text form,
    /// including `::` compression and an embedded IPv4 tail; zones are not allowed.
    static func parseIPv6(_ text: some StringProtocol) throws(WireError) -> [UInt8] {
        let allowed = Set("0123456789abcdefABCDEF:.".utf8)
        guard text.utf8.count <= 45, text.utf8.allSatisfy(allowed.contains) else {
            throw .invalidText("\"\(text)\" is not an IPv6 address")
        }
        var address = in6_addr()
        let status = String(text).withCString { inet_pton(AF_INET6, $0, &address) }
        guard status == 1 else { throw .invalidText("\"\(text)\" is not an IPv6 address") }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    /// The RFC 5952 text of sixteen address bytes: lowercase, no leading zeros,
    /// the longest run of two or more zero groups (the first on a tie) written `::`,
    /// and IPv4-mapped addresses written `::ffff:a.b.c.d`.
    static func formatIPv6(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return "::ffff:" + formatIPv4(bytes[12...])
        }
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        let run = longestZeroRun(groups)
        guard run.count >= 2 else { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[..<run.start].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(run.start + run.count)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }

    /// The first longest run of zero groups.
    private static func longestZeroRun(_ groups: [UInt16]) -> (start: Int, count: Int) {
        var best = (start: 0, count: 0)
        var index = 0
        while index < groups.count {
            var end = index
            while end < groups.count && groups[end] == 0 { end += 1 }
            if end - index > best.count { best = (index, end - index) }
            index = end + 1
        }
        return best
    }

    /// The value of `text` as plain decimal digits (no sign, no leading zeros), if it is at most `maximum`.
    static func decimal(_ text: some StringProtocol, maximum: Int) -> Int? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        guard digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        return value <= maximum ? value : nil
    }
}
