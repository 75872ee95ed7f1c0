/// Token amounts in base units: 1 token is 10^18 base units, as for ERC-20 tokens.
public typealias Amount = UInt128

/// Fixed facts of the token.
public enum Token {
    /// Base units in one token.
    public static let baseUnitsPerToken: Amount = 1_000_000_000_000_000_000
    /// The fixed supply: 1,000,000,000 tokens, all of it created at genesis.
    public static let supply: Amount = 1_000_000_000 * baseUnitsPerToken
    /// Parts per million: the denominator of every share and weight.
    public static let partsPerMillion: Amount = 1_000_000

    /// `tokens` whole tokens in base units.
    public static func tokens(_ tokens: UInt64) -> Amount {
        Amount(tokens) * baseUnitsPerToken
    }
}
