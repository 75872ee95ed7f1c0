import Identity
import Wire

/// What a host reports to the node and the operator.
public enum HostEvent: Equatable, Sendable {
    case connected(ConnectionID, PeerID, inbound: Bool)
    case identified(ConnectionID, PeerID, IdentifyMessage)
    case pingRoundTrip(ConnectionID, PeerID, Duration)
    case pingFailed(ConnectionID, String)
    case disconnected(ConnectionID, PeerID?, ConnectionCloseReason)
    /// An inbound connection refused by the limits, before any byte was read.
    case refused(remote: Multiaddr, reason: String)
    /// A stream of a protocol the host does not handle itself (e.g. gossipsub).
    case streamOpened(ConnectionID, stream: UInt32, protocolID: String, inbound: Bool)
    case streamData(ConnectionID, stream: UInt32, bytes: [UInt8])
    /// An application stream can take more bytes (see `P2PHost.writableByteCount`).
    case streamWritable(ConnectionID, stream: UInt32)
    case streamClosed(ConnectionID, stream: UInt32)
    /// An application stream opened here ended before a protocol was agreed: the peer
    /// supports none of those proposed, or reset it.
    case streamRefused(ConnectionID, stream: UInt32)
}

/// Socket work and events from one host step.
public struct HostOutput: Equatable, Sendable {
    /// Bytes to write, per connection, in order.
    public var sends: [(ConnectionID, [UInt8])] = []
    /// Connections whose sockets to close (after writing what `sends` holds for them).
    public var closes: [ConnectionID] = []
    public var events: [HostEvent] = []

    public init() {}

    public static func == (left: HostOutput, right: HostOutput) -> Bool {
        left.closes == right.closes && left.events == right.events
            && left.sends.map(\.0) == right.sends.map(\.0) && left.sends.map(\.1) == right.sends.map(\.1)
    }

    mutating func append(_ output: ConnectionOutput, for id: ConnectionID) {
        if !output.send.isEmpty { sends.append((id, output.send)) }
    }
}
