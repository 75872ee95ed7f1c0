/// The values of every governed parameter in effect for one batch.
public struct LedgerParameters: Sendable, Equatable {
    private var values: [String: Amount]

    /// Every parameter at its default.
    public static let defaults = LedgerParameters(
        values: Dictionary(uniqueKeysWithValues: GovernedParameter.all.map { ($0.name, $0.defaultValue) }))

    init(values: [String: Amount]) {
        self.values = values
    }

    public subscript(parameter: GovernedParameter) -> Amount {
        get {
            guard let value = values[parameter.name] else {
                preconditionFailure("parameter \(parameter.name) is not registered")
            }
            return value
        }
        set { values[parameter.name] = newValue }
    }

    /// A value of at most 64 bits, for times, counts and sizes.
    public func integer(_ parameter: GovernedParameter) -> UInt64 {
        let value = self[parameter]
        precondition(value <= Amount(UInt64.max), "\(parameter.name) is not a 64-bit parameter")
        return UInt64(value)
    }

    /// The base gas of a transaction kind.
    public func baseGas(forKind name: String) -> Amount {
        guard let value = values["gas_\(name)"] else { preconditionFailure("no gas parameter for \(name)") }
        return value
    }

    /// Checks the relations between parameters that single ranges cannot express; a
    /// proposal whose change would break one fails, and genesis refuses such values.
    public func relationViolation() -> String? {
        let shares = self[.receiptHostShare] + self[.receiptContributorShare] + self[.receiptCuratorShare]
        if shares > Token.partsPerMillion {
            return "the host, contributor and curator shares of a receipt add up to more than 1,000,000 ppm"
        }
        if self[.voteWindowMin] > self[.voteWindowMax] {
            return "datanet_vote_window_min_seconds exceeds datanet_vote_window_max_seconds"
        }
        return nil
    }
}
