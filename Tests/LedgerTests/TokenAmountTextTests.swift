import TestSupport
import Testing
@testable import Ledger

/// Decimal token text: `TokenAmountText`.
@Suite("TokenAmountText")
struct TokenAmountTextTests {
    static let unit = Token.baseUnitsPerToken

    @Test("decimal text parses to exact base units",
          arguments: [("0", Amount(0)), ("1", unit), ("0.25", unit / 4), ("1000", 1_000 * unit),
                      ("0.000000000000000001", 1), ("12.345678901234567891", 12_345_678_901_234_567_891),
                      ("007.50", 15 * unit / 2), ("1000000000", Token.supply),
                      ("999999999.999999999999999999", Token.supply - 1)])
    func parse(text: String, expected: Amount) throws {
        #expect(try TokenAmountText.parse(text) == expected)
    }

    @Test("amounts format without trailing zeros",
          arguments: [(Amount(0), "0"), (unit, "1"), (unit * 3 / 2, "1.5"), (1, "0.000000000000000001"),
                      (12_345_678_901_234_567_891, "12.345678901234567891"), (Token.supply, "1000000000"),
                      (unit / 10, "0.1"), (Amount.max, "340282366920938463463.374607431768211455")])
    func format(amount: Amount, expected: String) {
        #expect(TokenAmountText.format(amount) == expected)
    }

    @Test("texts that are not amounts, or exceed the supply, are refused",
          arguments: ["", ".5", "1.", "1.2.3", "-1", "+1", " 1", "1 ", "1e3", "0x10", "١", "1,5", "abc",
                      "0.1234567890123456789", "1000000000.000000000000000001", "1000000001",
                      "1000000000000000000000000000000", String(repeating: "9", count: 40)])
    func refused(text: String) {
        #expect(throws: LedgerError.self) { try TokenAmountText.parse(text) }
    }

    @Test("format then parse gives back every amount up to the supply")
    func roundTrip() throws {
        var generator = SeededGenerator.make(for: "TokenAmountText.roundTrip")
        var samples: [Amount] = [0, 1, Token.supply, Token.supply - 1, Self.unit - 1, Self.unit + 1]
        for _ in 0..<500 {
            samples.append(Amount.random(in: 0...Token.supply, using: &generator))
            samples.append(Amount.random(in: 0..<Self.unit * 1_000, using: &generator))
        }
        for amount in samples {
            #expect(try TokenAmountText.parse(TokenAmountText.format(amount)) == amount)
        }
    }
}
