/// Where a multistream-select negotiation stands after a receive.
public enum MultistreamOutcome: Equatable, Sendable {
    /// More bytes from the peer are needed.
    case pending
    /// Both sides agreed on `protocol`. `leftover` holds the bytes that arrived after the
    /// deciding message: the first application data, which belongs to that protocol.
    case negotiated(protocol: String, leftover: [UInt8])
    /// Dialer only: the listener refused every proposal. The stream should be closed.
    case unsupported
}
