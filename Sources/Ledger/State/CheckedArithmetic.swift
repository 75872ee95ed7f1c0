/// Arithmetic on amounts that reports overflow and shortfall as a transaction failure
/// instead of trapping: amounts come from signed transactions.
enum CheckedArithmetic {
    static func sum(_ left: Amount, _ right: Amount) throws(TransactionFailure) -> Amount {
        let (value, overflow) = left.addingReportingOverflow(right)
        guard !overflow else { throw .amountOverflow }
        return value
    }

    static func difference(_ left: Amount, _ right: Amount, shortfall: TransactionFailure) throws(TransactionFailure) -> Amount {
        guard left >= right else { throw shortfall }
        return left - right
    }

    static func product(_ left: Amount, _ right: Amount) throws(TransactionFailure) -> Amount {
        let (value, overflow) = left.multipliedReportingOverflow(by: right)
        guard !overflow else { throw .amountOverflow }
        return value
    }

    /// `amount · numerator / denominator`, rounded down, computed at double width so that
    /// it never overflows; the result is at most `amount` because `numerator ≤ denominator`.
    static func proportion(of amount: Amount, numerator: Amount, denominator: Amount) -> Amount {
        precondition(denominator > 0 && numerator <= denominator, "a proportion is a part of the whole")
        let product = amount.multipliedFullWidth(by: numerator)
        return denominator.dividingFullWidth(product).quotient
    }

    /// `amount · partsPerMillion / 1,000,000`, rounded down.
    static func share(of amount: Amount, partsPerMillion: Amount) -> Amount {
        proportion(of: amount, numerator: partsPerMillion, denominator: Token.partsPerMillion)
    }
}
