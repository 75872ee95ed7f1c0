/// The session's record of one open stream.
struct YamuxStream: Sendable {
    /// Where the stream stands in the SYN/ACK exchange.
    enum Opening: Sendable, Equatable {
        /// We sent SYN and wait for the peer's ACK (data may flow meanwhile).
        case awaitingAcknowledgement
        /// The peer sent SYN; the application has not accepted it, so no ACK went out.
        case awaitingAcceptance
        /// Opened on both sides.
        case established
    }

    /// How far our sending direction is closed.
    enum WriteState: Sendable, Equatable {
        case open
        /// `closeWrite` was called; FIN goes out after the queued data.
        case finishQueued
        /// FIN was sent.
        case finished
    }

    let id: UInt32
    var opening: Opening
    var writeState = WriteState.open
    var remoteFinished = false
    /// Bytes we may still send before the peer's next window update.
    var sendWindow = YamuxConfiguration.initialWindowByteCount
    /// Bytes the peer may still send before our next window update.
    var receiveWindow = YamuxConfiguration.initialWindowByteCount
    /// Delivered bytes the application has not consumed.
    var unconsumedByteCount = 0
    /// Consumed bytes not yet returned to the peer in a window update.
    var consumedByteCount = 0
    /// Data waiting for the peer's window.
    var sendQueue = YamuxByteQueue()

    init(id: UInt32, opening: Opening) {
        self.id = id
        self.opening = opening
    }

    /// Whether `takeOutbound` has something to send for this stream.
    var hasPendingOutput: Bool {
        (!sendQueue.isEmpty && sendWindow > 0) || (writeState == .finishQueued && sendQueue.isEmpty)
    }
}
