/// A payment or slash that the ledger made, kept for queries (payouts per contributor,
/// per receipt). Not part of the state root: the balances it explains are.
public struct PayoutEvent: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case receiptHost = "receipt_host"
        case receiptContributor = "receipt_contributor"
        case receiptCurator = "receipt_curator"
        case receiptTreasury = "receipt_treasury"
        case curationBond = "curation_bond"
        case curatorSlash = "curator_slash"
        case challengeReward = "challenge_reward"
        case hostSlash = "host_slash"
        case challengeBondForfeit = "challenge_bond_forfeit"
        case equivocationSlash = "equivocation_slash"
        case transactionFees = "transaction_fees"
    }

    /// The receipt, contribution or challenge it arose from (32 bytes), or empty.
    public var subject: [UInt8]
    /// Who received or lost it; nil for the treasury.
    public var account: AccountAddress?
    public var reason: Reason
    public var amount: Amount
}
