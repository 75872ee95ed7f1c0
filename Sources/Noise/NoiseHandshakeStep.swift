/// What one handshake input produced: bytes to send, and the result once the handshake is done.
public struct NoiseHandshakeStep: Sendable {
    /// Framed handshake bytes to send to the peer; empty when there is nothing to send.
    public let output: [UInt8]
    /// The established session and the peer's identity, once the handshake has completed.
    public let result: NoiseHandshakeResult?

    /// Whether the handshake has completed with this step.
    public var isComplete: Bool { result != nil }
}
