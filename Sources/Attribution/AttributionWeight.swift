/// One contribution's share of an output, in parts per million: the shape of a ledger
/// receipt's attribution entry (`AttributionEntry`), without depending on the ledger.
public struct AttributionWeight: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The credited contribution's 32-byte id.
    public var contributionID: [UInt8]
    /// Its share in parts per million, above zero.
    public var weightPPM: UInt32

    /// The entry with the given fields.
    public init(contributionID: [UInt8], weightPPM: UInt32) {
        self.contributionID = contributionID
        self.weightPPM = weightPPM
    }

    public var description: String {
        let prefix = contributionID.prefix(4).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return "\(prefix)…:\(weightPPM)"
    }
}
