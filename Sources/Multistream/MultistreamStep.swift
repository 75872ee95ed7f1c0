/// What one ``MultistreamNegotiation/receive(_:)`` returns.
public struct MultistreamStep: Equatable, Sendable {
    /// Bytes to send to the peer now, in order; empty when there is nothing to send.
    /// Send them even when ``outcome`` is final (they carry the listener's echo).
    public var send: [UInt8]
    /// Where the negotiation stands.
    public var outcome: MultistreamOutcome

    /// A step that sends `send` and reports `outcome`.
    public init(send: [UInt8], outcome: MultistreamOutcome) {
        self.send = send
        self.outcome = outcome
    }
}
