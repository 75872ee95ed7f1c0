/// What the policy decides about one contribution.
public enum CurationDecision: Equatable, Sendable {
    /// Vote to include the contribution.
    case accept
    /// Vote to leave it out, and why.
    case reject(CurationRejection)

    /// Whether the vote is in favour.
    public var accepts: Bool {
        if case .accept = self { return true }
        return false
    }

    /// A short name for logs: `accept` or the rejection's name.
    public var reason: String {
        switch self {
        case .accept: "accept"
        case .reject(let rejection): rejection.name
        }
    }
}
