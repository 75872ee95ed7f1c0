/// The limits and window sizes of a `YamuxSession`.
public struct YamuxConfiguration: Sendable, Equatable {
    /// The window both sides assume for every new stream, fixed by the specification.
    public static let initialWindowByteCount = 256 * 1024
    /// The largest window a stream may be given: the length field is 32 bits.
    public static let windowByteCountMax = Int(UInt32.max)

    /// The receive window granted to each stream. Above the initial 256 KiB, the surplus is
    /// announced with the SYN or ACK window update. A window update is sent once the
    /// application has consumed half of it.
    public var receiveWindowByteCount: Int
    /// The largest data payload accepted in one frame; larger frames are a violation.
    public var frameByteCountMax: Int
    /// The largest data payload this session puts in one frame it sends.
    public var sendFrameByteCountMax: Int
    /// Streams open at once, both directions together. Inbound streams beyond it are reset
    /// (as go-yamux does); `openStream()` beyond it throws.
    public var streamCountMax: Int
    /// Inbound streams the application has not accepted yet; further inbound streams are
    /// reset (go-yamux's accept backlog).
    public var unacknowledgedInboundStreamCountMax: Int
    /// Bytes queued for sending per stream, waiting for the peer's window.
    public var bufferedSendByteCountMax: Int
    /// Unsent response frames the peer can provoke (pongs, refusals of its streams); beyond
    /// it such frames are dropped and counted, so an input flood cannot grow the outbound
    /// queue without bound when the caller does not drain it.
    public var responseByteCountMax: Int

    /// The defaults: go-yamux's 256 KiB window and 256-stream backlog.
    public static let standard = YamuxConfiguration()

    public init(
        receiveWindowByteCount: Int = YamuxConfiguration.initialWindowByteCount,
        frameByteCountMax: Int? = nil,
        sendFrameByteCountMax: Int = 16 * 1024,
        streamCountMax: Int = 512,
        unacknowledgedInboundStreamCountMax: Int = 256,
        bufferedSendByteCountMax: Int = 1024 * 1024,
        responseByteCountMax: Int = 64 * 1024
    ) {
        precondition(
            (Self.initialWindowByteCount...Self.windowByteCountMax).contains(receiveWindowByteCount),
            "the receive window must be between 256 KiB and 4 GiB")
        let frameByteCountMax = frameByteCountMax ?? receiveWindowByteCount
        precondition(frameByteCountMax > 0 && sendFrameByteCountMax > 0, "frame limits must be positive")
        precondition(streamCountMax > 0 && unacknowledgedInboundStreamCountMax > 0, "stream limits must be positive")
        precondition(bufferedSendByteCountMax > 0, "the send queue limit must be positive")
        precondition(responseByteCountMax >= YamuxFrameHeader.byteCount, "the response limit must fit a frame")
        self.receiveWindowByteCount = receiveWindowByteCount
        self.frameByteCountMax = frameByteCountMax
        self.sendFrameByteCountMax = sendFrameByteCountMax
        self.streamCountMax = streamCountMax
        self.unacknowledgedInboundStreamCountMax = unacknowledgedInboundStreamCountMax
        self.bufferedSendByteCountMax = bufferedSendByteCountMax
        self.responseByteCountMax = responseByteCountMax
    }

    /// The window surplus announced when a stream is opened or accepted.
    var windowSurplus: UInt32 {
        UInt32(receiveWindowByteCount - Self.initialWindowByteCount)
    }
}
