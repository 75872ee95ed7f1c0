/// Why a transaction that paid its fee had no other effect. Each case has a stable `code`
/// that is recorded with the transaction's outcome and shown to users.
public enum TransactionFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case insufficientBalance
    case insufficientStake(StakeRole)
    case amountOverflow
    case zeroAmount
    case unknownAccount
    case unknownParameter(String)
    case parameterOutOfBounds(String)
    case unknownProposal
    case unknownDatanet
    case unknownContribution
    case unknownModel
    case unknownAdapter
    case unknownReceipt
    case unknownChallenge
    case unknownAllocation
    case nothingVested
    case duplicate(String)
    case voteOutsideWindow
    case doubleVote
    case selfVote
    case notAllowed(String)
    case invalidField(String)
    case invalidAttribution(String)
    case invalidEvidence(String)

    /// A short, stable identifier of the reason.
    public var code: String {
        switch self {
        case .insufficientBalance: "insufficient_balance"
        case .insufficientStake: "insufficient_stake"
        case .amountOverflow: "amount_overflow"
        case .zeroAmount: "zero_amount"
        case .unknownAccount: "unknown_account"
        case .unknownParameter: "unknown_parameter"
        case .parameterOutOfBounds: "parameter_out_of_bounds"
        case .unknownProposal: "unknown_proposal"
        case .unknownDatanet: "unknown_datanet"
        case .unknownContribution: "unknown_contribution"
        case .unknownModel: "unknown_model"
        case .unknownAdapter: "unknown_adapter"
        case .unknownReceipt: "unknown_receipt"
        case .unknownChallenge: "unknown_challenge"
        case .unknownAllocation: "unknown_allocation"
        case .nothingVested: "nothing_vested"
        case .duplicate: "duplicate"
        case .voteOutsideWindow: "vote_outside_window"
        case .doubleVote: "double_vote"
        case .selfVote: "self_vote"
        case .notAllowed: "not_allowed"
        case .invalidField: "invalid_field"
        case .invalidAttribution: "invalid_attribution"
        case .invalidEvidence: "invalid_evidence"
        }
    }

    public var description: String {
        switch self {
        case .insufficientBalance: "the sender's balance does not cover the amount"
        case .insufficientStake(let role): "the sender's \(role.name) stake is too small"
        case .amountOverflow: "an amount overflows 128 bits"
        case .zeroAmount: "the amount must be greater than zero"
        case .unknownAccount: "no such account"
        case .unknownParameter(let name): "no governed parameter is named \(name)"
        case .parameterOutOfBounds(let detail): "parameter value out of bounds: \(detail)"
        case .unknownProposal: "no such proposal"
        case .unknownDatanet: "no such datanet"
        case .unknownContribution: "no such contribution"
        case .unknownModel: "no such base model"
        case .unknownAdapter: "no such adapter"
        case .unknownReceipt: "no such receipt"
        case .unknownChallenge: "no such challenge"
        case .unknownAllocation: "the sender has no such vesting allocation"
        case .nothingVested: "nothing more has vested yet"
        case .duplicate(let what): "\(what) already exists"
        case .voteOutsideWindow: "the vote is outside the voting window"
        case .doubleVote: "the sender has already voted"
        case .selfVote: "a voter cannot vote on their own submission"
        case .notAllowed(let detail): detail
        case .invalidField(let detail): detail
        case .invalidAttribution(let detail): "invalid attribution: \(detail)"
        case .invalidEvidence(let detail): "invalid evidence: \(detail)"
        }
    }
}
