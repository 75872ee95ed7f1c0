/// The four classes the pre-tokenizer patterns distinguish: `\p{L}` (letters), `\p{N}`
/// (numbers: Nd, Nl, No), `\s` (the Unicode White_Space property, as Oniguruma and Rust read
/// it) and everything else. ASCII is answered from a table; other scalars from
/// `Unicode.Scalar.Properties`.
enum ScalarCategory: UInt8, Sendable {
    case letter
    case number
    case whitespace
    case other

    private static let ascii: [ScalarCategory] = (0..<128).map { value in
        classify(Unicode.Scalar(UInt8(value)))
    }

    /// The category of `scalar`.
    static func of(_ scalar: Unicode.Scalar) -> ScalarCategory {
        scalar.value < 128 ? ascii[Int(scalar.value)] : classify(scalar)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarCategory {
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: return .other
        }
    }

    /// The index after the run of scalars of `category` that starts at `start`.
    static func runEnd(_ scalars: [Unicode.Scalar], from start: Int, _ category: ScalarCategory) -> Int {
        var end = start
        while end < scalars.count, of(scalars[end]) == category { end += 1 }
        return end
    }
}
