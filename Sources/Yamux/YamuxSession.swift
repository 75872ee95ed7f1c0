/// One side of a yamux session over one connection, as a value: feed it received bytes
/// with `receive(_:now:)`, call the stream operations, and send what `takeOutbound()`
/// returns. It never blocks; a full window or send queue shows in `sendWindow(of:)` and
/// `queuedByteCount(on:)` and is reported through `.writable` events.
public struct YamuxSession: Sendable {
    /// The frame being read from the input.
    struct InboundPayload: Sendable {
        let streamID: UInt32
        var remainingByteCount: Int
        /// Whether the payload goes to the application (false: its stream's state is gone).
        let isDelivered: Bool
        let finishes: Bool
    }

    /// The ping waiting for its response.
    struct OutstandingPing: Sendable {
        let value: UInt32
        let sentAt: Duration
    }

    public let role: YamuxRole
    public let configuration: YamuxConfiguration
    /// What was sent, received, dropped and refused so far.
    public internal(set) var statistics = YamuxStatistics()
    /// The violation that ended the session, if one did.
    public internal(set) var failure: YamuxError?
    /// Whether this session sent Go Away.
    public internal(set) var hasSentGoAway = false
    /// Whether the peer sent Go Away.
    public internal(set) var hasReceivedGoAway = false

    var streams: [UInt32: YamuxStream] = [:]
    /// The id the next `openStream()` uses; 64 bits so exhaustion shows.
    var nextOutboundStreamID: UInt64
    /// The highest id the peer has opened; its ids only increase.
    var highestInboundStreamID: UInt32 = 0
    var unacceptedStreamCount = 0
    /// Frames queued ahead of stream data: SYN, ACK, window updates, RST, ping, go-away.
    var controlOutbound: [UInt8] = []
    /// The part of `controlOutbound` the peer provoked (pongs, refusals), for its limit.
    var responseByteCount = 0
    /// Events produced by local operations, returned by the next `receive` or `takeEvents`.
    var pendingEvents: [YamuxEvent] = []
    /// A partly received header.
    var headerBuffer: [UInt8] = []
    var inboundPayload: InboundPayload?
    var outstandingPing: OutstandingPing?
    var nextPingValue: UInt32 = 1

    public init(role: YamuxRole, configuration: YamuxConfiguration = .standard) {
        self.role = role
        self.configuration = configuration
        nextOutboundStreamID = UInt64(role.firstStreamID)
        headerBuffer.reserveCapacity(YamuxFrameHeader.byteCount)
    }

    // MARK: Queries

    /// Whether the stream's state is held: opened and neither reset nor closed both ways.
    public func isOpen(_ streamID: UInt32) -> Bool {
        streams[streamID] != nil
    }

    /// Whether the application may still write to the stream.
    public func isWritable(_ streamID: UInt32) -> Bool {
        streams[streamID]?.writeState == .open
    }

    /// Bytes the peer currently lets us send on the stream; 0 for a stream that is gone.
    public func sendWindow(of streamID: UInt32) -> Int {
        streams[streamID]?.sendWindow ?? 0
    }

    /// Bytes the peer may still send on the stream before our next window update.
    public func receiveWindow(of streamID: UInt32) -> Int {
        streams[streamID]?.receiveWindow ?? 0
    }

    /// Bytes written to the stream and not yet handed to `takeOutbound()`.
    public func queuedByteCount(on streamID: UInt32) -> Int {
        streams[streamID]?.sendQueue.count ?? 0
    }

    /// Bytes `write(_:to:)` accepts on the stream now without exceeding the queue limit.
    public func writableByteCount(on streamID: UInt32) -> Int {
        guard let stream = streams[streamID], stream.writeState == .open else { return 0 }
        return configuration.bufferedSendByteCountMax - stream.sendQueue.count
    }

    /// Bytes delivered on the stream that the application has not consumed.
    public func unconsumedByteCount(on streamID: UInt32) -> Int {
        streams[streamID]?.unconsumedByteCount ?? 0
    }

    /// The number of streams whose state is held.
    public var openStreamCount: Int {
        streams.count
    }

    /// The ids of the streams whose state is held, in increasing order.
    public var openStreamIDs: [UInt32] {
        streams.keys.sorted()
    }

    /// Whether `streamID` names a stream that was opened at some point, by either side.
    func wasOpened(_ streamID: UInt32) -> Bool {
        guard streamID != 0 else { return false }
        if role.opens(streamID) {
            return UInt64(streamID) < nextOutboundStreamID
        }
        return streamID <= highestInboundStreamID
    }
}
