/// The gossipsub protocol versions, by the protocol id negotiated for the pubsub stream,
/// and what each lets an RPC carry.
public enum GossipProtocolVersion: Int, Sendable, CaseIterable, Comparable {
    /// gossipsub v1.0 (`/meshsub/1.0.0`): IHAVE, IWANT, GRAFT, PRUNE with a topic only.
    case v1_0 = 10
    /// gossipsub v1.1 (`/meshsub/1.1.0`): PRUNE adds peer exchange and a backoff.
    case v1_1 = 11
    /// gossipsub v1.2 (`/meshsub/1.2.0`): adds IDONTWANT.
    case v1_2 = 12

    /// The protocol id of gossipsub v1.0.
    public static let meshsub100 = "/meshsub/1.0.0"
    /// The protocol id of gossipsub v1.1.
    public static let meshsub110 = "/meshsub/1.1.0"
    /// The protocol id of gossipsub v1.2.
    public static let meshsub120 = "/meshsub/1.2.0"

    /// The versions in the order a node proposes them: newest first.
    public static let preferenceOrder: [GossipProtocolVersion] = [.v1_2, .v1_1, .v1_0]

    /// The version negotiated as `protocolID`, or nil for an id that is not gossipsub.
    public init?(protocolID: String) {
        guard let version = Self.allCases.first(where: { $0.protocolID == protocolID }) else { return nil }
        self = version
    }

    /// The multistream protocol id.
    public var protocolID: String {
        switch self {
        case .v1_0: Self.meshsub100
        case .v1_1: Self.meshsub110
        case .v1_2: Self.meshsub120
        }
    }

    /// Whether a PRUNE may offer peers and a backoff (v1.1 and later).
    public var allowsPeerExchange: Bool { self >= .v1_1 }

    /// Whether a control message may carry IDONTWANT (v1.2 and later).
    public var allowsIDontWant: Bool { self >= .v1_2 }

    public static func < (lhs: GossipProtocolVersion, rhs: GossipProtocolVersion) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
