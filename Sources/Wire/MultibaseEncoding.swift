/// The multibase encodings this module reads and writes, each named by its prefix character.
public enum MultibaseEncoding: Sendable, CaseIterable, Equatable {
    /// `z`: base58 with the Bitcoin alphabet.
    case base58btc
    /// `b`: RFC 4648 base32, lowercase, no padding.
    case base32
    /// `B`: RFC 4648 base32, uppercase, no padding.
    case base32Upper
    /// `f`: lowercase hexadecimal.
    case base16
    /// `F`: uppercase hexadecimal.
    case base16Upper

    /// The character that starts text in this encoding.
    public var prefix: Character {
        switch self {
        case .base58btc: "z"
        case .base32: "b"
        case .base32Upper: "B"
        case .base16: "f"
        case .base16Upper: "F"
        }
    }

    /// The encoding that `prefix` names, if this module supports it.
    public init?(prefix: Character) {
        guard let encoding = Self.allCases.first(where: { $0.prefix == prefix }) else { return nil }
        self = encoding
    }
}
