/// Self-describing base encodings: one prefix character names the encoding of the rest.
public enum Multibase {
    /// `bytes` in `base`, prefix included.
    public static func encode(_ bytes: some Collection<UInt8>, base: MultibaseEncoding) -> String {
        String(base.prefix) + encodeBody(bytes, base: base)
    }

    /// The bytes that multibase `text` encodes.
    ///
    /// Supports `z` (base58btc), `b`/`B` (base32 lower/upper case) and `f`/`F`
    /// (hexadecimal lower/upper case); the body must use the case its prefix names.
    ///
    /// - Throws: ``WireError/invalidText(_:)`` for empty text, ``WireError/invalidCharacter(_:)``
    ///   for an unsupported prefix or body character, and the body decoder's errors.
    public static func decode(_ text: String, byteCountMax: Int) throws(WireError) -> [UInt8] {
        try decodeReportingEncoding(text, byteCountMax: byteCountMax).bytes
    }

    /// Like ``decode(_:byteCountMax:)``, also returning which encoding the prefix named.
    public static func decodeReportingEncoding(
        _ text: String,
        byteCountMax: Int
    ) throws(WireError) -> (encoding: MultibaseEncoding, bytes: [UInt8]) {
        guard let prefix = text.first else { throw .invalidText("multibase text is empty") }
        guard let encoding = MultibaseEncoding(prefix: prefix) else {
            throw .invalidCharacter("multibase prefix \"\(prefix)\" is not supported")
        }
        let body = String(text.dropFirst())
        return (encoding, try decodeBody(body, encoding: encoding, byteCountMax: byteCountMax))
    }

    private static func encodeBody(_ bytes: some Collection<UInt8>, base: MultibaseEncoding) -> String {
        switch base {
        case .base58btc: Base58.encode(bytes)
        case .base32: Base32.encode(bytes)
        case .base32Upper: Base32.encode(bytes).uppercased()
        case .base16: Base16.encode(bytes)
        case .base16Upper: Base16.encode(bytes).uppercased()
        }
    }

    private static func decodeBody(
        _ body: String,
        encoding: MultibaseEncoding,
        byteCountMax: Int
    ) throws(WireError) -> [UInt8] {
        switch encoding {
        case .base58btc:
            return try Base58.decode(body, byteCountMax: byteCountMax)
        case .base32:
            return try Base32.decode(body, byteCountMax: byteCountMax)
        case .base32Upper:
            try rejectLetters(in: body, from: UInt8(ascii: "a")...UInt8(ascii: "z"), encoding: encoding)
            return try Base32.decode(asciiLowercased(body), byteCountMax: byteCountMax)
        case .base16:
            try rejectLetters(in: body, from: UInt8(ascii: "A")...UInt8(ascii: "Z"), encoding: encoding)
            return try Base16.decode(body, byteCountMax: byteCountMax)
        case .base16Upper:
            try rejectLetters(in: body, from: UInt8(ascii: "a")...UInt8(ascii: "z"), encoding: encoding)
            return try Base16.decode(body, byteCountMax: byteCountMax)
        }
    }

    private static func rejectLetters(
        in body: String,
        from letters: ClosedRange<UInt8>,
        encoding: MultibaseEncoding
    ) throws(WireError) {
        if let offset = body.utf8.firstIndex(where: letters.contains) {
            let position = body.utf8.distance(from: body.utf8.startIndex, to: offset)
            throw .invalidCharacter("letter at offset \(position) has the wrong case for multibase prefix \"\(encoding.prefix)\"")
        }
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
