import Identity
import P2P
import Wire

/// One `/oln/blob/1` stream, kept open per peer and direction as `/oln/sync/1` streams are:
/// the side that opened it sends ``BlobRequest`` frames and the other answers each with a
/// ``BlobResponse`` frame (uvarint-length-prefixed), one at a time.
struct BlobStream {
    static let protocolID = "/oln/blob/1"
    /// Requests a serving side holds while it answers one; a peer that sends more is dropped.
    static let queuedRequestCountMax = 4

    let peer: PeerID
    /// Whether the peer opened it (we serve) or we did (we fetch).
    let inbound: Bool
    var isOpen: Bool
    var decoder: VarintFrameDecoder
    var pendingWrite: [UInt8] = []
    var queuedRequests: [BlobRequest] = []

    init(peer: PeerID, inbound: Bool) {
        self.peer = peer
        self.inbound = inbound
        isOpen = inbound
        decoder = VarintFrameDecoder(frameByteCountMax: inbound ? BlobRequest.byteCountMax : BlobResponse.byteCountMax)
    }
}
