/// Token amounts written as decimal text in whole tokens, such as `"1000"` or `"0.25"`,
/// with up to 18 decimal places; converted exactly to base units.
public enum TokenAmountText {
    public static func parse(_ text: String) throws(LedgerError) -> Amount {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit), whole.count <= 30 else {
            throw .invalidGenesis("\"\(text)\" is not an amount of tokens such as \"1000\" or \"0.5\"")
        }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit), fraction.count <= 18, parts.count == 1 || !fraction.isEmpty else {
            throw .invalidGenesis("\"\(text)\" has more than 18 decimal places or a malformed fraction")
        }
        fraction += String(repeating: "0", count: 18 - fraction.count)
        guard let wholeValue = Amount(whole), let fractionValue = Amount(fraction) else {
            throw .invalidGenesis("\"\(text)\" is not an amount of tokens")
        }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: Token.baseUnitsPerToken)
        guard !overflow, scaled <= Token.supply - fractionValue else {
            throw .invalidGenesis("\"\(text)\" exceeds the token supply")
        }
        return scaled + fractionValue
    }

    /// Base units as decimal tokens, without trailing zeros: `1500000000000000000` → `"1.5"`.
    public static func format(_ amount: Amount) -> String {
        let whole = amount / Token.baseUnitsPerToken
        let fraction = amount % Token.baseUnitsPerToken
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 18 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
