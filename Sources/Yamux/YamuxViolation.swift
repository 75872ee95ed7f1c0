/// The kinds of protocol violation, without their details; `YamuxStatistics` counts by kind.
public enum YamuxViolation: String, Sendable, Hashable, CaseIterable {
    case unsupportedVersion
    case unknownFrameType
    case invalidFlags
    case sessionFrameOnStream
    case streamFrameOnSession
    case wrongStreamParity
    case streamIDReuse
    case unknownStream
    case dataAfterFin
    case windowExceeded
    case frameTooLarge
}
