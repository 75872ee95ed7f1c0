import Identity
import P2P
import Wire

/// One `/oln/sync/1` stream and what waits on it. The host offers no way to end a single
/// application stream, so a node keeps one stream per peer and direction, as gossipsub
/// does: the side that opened it sends ``SyncRequest`` frames and the other answers each
/// with a ``SyncResponse`` frame (both uvarint-length-prefixed), one request at a time.
struct SyncStream {
    static let protocolID = "/oln/sync/1"
    /// Requests a serving side holds while it answers one; a peer that sends more is dropped.
    static let queuedRequestCountMax = 4

    struct Key: Hashable {
        let connection: ConnectionID
        let stream: UInt32
    }

    let peer: PeerID
    /// Whether the peer opened it (we serve) or we did (we ask).
    let inbound: Bool
    /// Outbound streams wait for the protocol to be agreed before the first request.
    var isOpen: Bool
    var decoder: VarintFrameDecoder
    /// Bytes not yet taken by the stream, written as it has room.
    var pendingWrite: [UInt8] = []
    /// Requests waiting for their answer (serving side).
    var queuedRequests: [SyncRequest] = []

    init(peer: PeerID, inbound: Bool) {
        self.peer = peer
        self.inbound = inbound
        isOpen = inbound
        decoder = VarintFrameDecoder(frameByteCountMax: inbound ? SyncRequest.byteCountMax : SyncResponse.byteCountMax)
    }
}
