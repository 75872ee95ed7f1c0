import Wire

/// The roles that stake (`Role` in docs/transactions.proto); 0 (unspecified) is never valid.
public enum StakeRole: UInt8, Sendable, CaseIterable, Comparable {
    case sequencer = 1
    case validator = 2
    case curator = 3
    case host = 4

    /// The role's name in lower case, as used in parameters and logs: `sequencer`, …
    public var name: String {
        switch self {
        case .sequencer: "sequencer"
        case .validator: "validator"
        case .curator: "curator"
        case .host: "host"
        }
    }

    /// The role written in `field`, an enum value from 1 to 4.
    init(field: ProtobufField) throws(WireError) {
        let raw = try field.enumValue()
        guard let narrowed = UInt8(exactly: raw), let role = StakeRole(rawValue: narrowed) else {
            throw .valueOutOfRange("field \(field.number) holds role \(raw), but roles run from 1 to 4")
        }
        self = role
    }

    public static func < (left: StakeRole, right: StakeRole) -> Bool {
        left.rawValue < right.rawValue
    }
}
