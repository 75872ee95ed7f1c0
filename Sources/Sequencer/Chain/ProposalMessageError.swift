/// Why a gossiped proposal was refused before it reached consensus.
public enum ProposalMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge(Int)
    case malformed(String)
    /// The signed proposal does not verify.
    case invalidProposal(String)
    case invalidBatch(BatchMessageError)
    /// A prevote offered as the polka of a re-proposal does not verify or does not match.
    case invalidPolkaVote(index: Int, String)
    /// The parts do not belong together.
    case mismatch(String)

    public var description: String {
        switch self {
        case .tooLarge(let count): "a proposal message of \(count) bytes exceeds \(ProposalMessage.byteCountMax)"
        case .malformed(let detail): "malformed proposal message: \(detail)"
        case .invalidProposal(let detail): "the signed proposal does not verify: \(detail)"
        case .invalidBatch(let error): "the proposed batch is refused: \(error)"
        case .invalidPolkaVote(let index, let detail): "polka vote \(index) of the proposal is refused: \(detail)"
        case .mismatch(let detail): "the proposal's parts do not match: \(detail)"
        }
    }
}
