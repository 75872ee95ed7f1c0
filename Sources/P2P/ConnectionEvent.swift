import Identity
import Wire

/// What a connection reports to its host.
public enum ConnectionEvent: Equatable, Sendable {
    /// The secure channel is up and the muxer agreed, so streams can open; the remote is
    /// who it proved to be in the handshake.
    case established(remotePeerID: PeerID, remotePublicKey: LibP2PPublicKey)
    /// A stream agreed on a protocol; `inbound` when the remote opened it.
    case streamNegotiated(stream: UInt32, protocolID: String, inbound: Bool)
    /// None of the protocols proposed on an outbound stream was accepted.
    case streamRefused(stream: UInt32)
    case streamData(stream: UInt32, bytes: [UInt8])
    /// The stream's send queue has room again after the peer's window held it back.
    case streamWritable(stream: UInt32)
    /// The remote will send no more on this stream.
    case streamRemoteClosed(stream: UInt32)
    case streamReset(stream: UInt32)
    /// Both sides closed the stream (FIN each way); it is gone.
    case streamFinished(stream: UInt32)
    /// The connection is over; the host drops it.
    case closed(ConnectionCloseReason)
}

/// The result of feeding a connection: bytes for the socket and events for the host.
public struct ConnectionOutput: Equatable, Sendable {
    public var send: [UInt8] = []
    public var events: [ConnectionEvent] = []

    public init(send: [UInt8] = [], events: [ConnectionEvent] = []) {
        self.send = send
        self.events = events
    }

    /// Whether the connection closed in this step.
    public var closeReason: ConnectionCloseReason? {
        for case .closed(let reason) in events { return reason }
        return nil
    }
}
