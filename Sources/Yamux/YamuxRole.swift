/// Which end of the connection a session is; it decides the parity of the stream ids the
/// session opens.
public enum YamuxRole: Sendable, Equatable {
    /// The dialer: opens odd stream ids (1, 3, 5, …).
    case client
    /// The listener: opens even stream ids (2, 4, 6, …).
    case server

    /// The first stream id this role opens.
    var firstStreamID: UInt32 {
        self == .client ? 1 : 2
    }

    /// Whether `streamID` has the parity of the streams this role opens.
    func opens(_ streamID: UInt32) -> Bool {
        (streamID % 2 == 1) == (self == .client)
    }
}
