import IO
import Identity
import Wire

/// One stream of a request/response protocol (``RequestService``), served or asked on.
/// Loop thread.
struct RequestStream {
    enum Phase: Equatable {
        /// Serving: the request's bytes are arriving.
        case receiving
        /// Serving: the handler has the request.
        case handling
        /// Serving: the reply is being written.
        case replying
        /// Asking: the request is being written (once the protocol is agreed).
        case sending
        /// Asking: the request has left; the reply's bytes are arriving.
        case awaitingReply
    }

    typealias Completion = @Sendable (Result<[UInt8], RequestError>) -> Void

    let protocolID: String
    let peer: PeerID
    /// Whether the peer opened it (we serve) or we did (we ask).
    let inbound: Bool
    var phase: Phase
    var reader: RequestFrameReader
    /// Bytes not yet taken by the stream, written as it has room.
    var pendingWrite: [UInt8] = []
    /// Outbound streams wait for the protocol to be agreed before writing.
    var isOpen: Bool
    var timer: TimerHandle?
    /// Asking: where the reply goes.
    var completion: Completion?
    /// Serving, while the handler has the request: cancelled if the stream ends first.
    var cancellation: RequestCancellation?

    /// Serving, with the request taken: the handler has it or its reply is being written.
    var isAnswering: Bool { phase == .handling || phase == .replying }

    /// A stream a peer opened to ask us.
    init(serving protocolID: String, peer: PeerID, requestByteCountMax: Int) {
        self.protocolID = protocolID
        self.peer = peer
        inbound = true
        phase = .receiving
        reader = RequestFrameReader(byteCountMax: requestByteCountMax)
        isOpen = true
    }

    /// A stream we opened to send `request`.
    init(asking protocolID: String, peer: PeerID, request: [UInt8], responseByteCountMax: Int, completion: @escaping Completion) {
        self.protocolID = protocolID
        self.peer = peer
        inbound = false
        phase = .sending
        reader = RequestFrameReader(byteCountMax: responseByteCountMax)
        pendingWrite = VarintFrameDecoder.frame(request)
        isOpen = false
        self.completion = completion
    }
}
