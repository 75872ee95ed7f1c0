/// What a `YamuxSession` reports to the application.
public enum YamuxEvent: Sendable, Equatable {
    /// The peer opened a stream. Accept it with `accept(_:)` (or by writing, consuming or
    /// closing); until then it counts against the unacknowledged-stream backlog.
    case inboundStream(UInt32)
    /// Bytes arrived on a stream, in order. Report them with `consume(_:on:)` once the
    /// application has taken them, which reopens the peer's window.
    case data(stream: UInt32, bytes: [UInt8])
    /// The peer half-closed the stream (FIN): no more data will arrive on it.
    case remoteClosedWrite(UInt32)
    /// The peer reset the stream (RST); its state is gone and queued data dropped.
    case streamReset(UInt32)
    /// Both sides half-closed the stream; its state is gone.
    case streamClosed(UInt32)
    /// The peer reopened a stream's send window after it was exhausted.
    case writable(UInt32)
    /// The answer to `ping(now:)` arrived.
    case pong(roundTrip: Duration)
    /// The peer sent Go Away: it opens no more streams and accepts no more of ours.
    case remoteGoAway(code: YamuxGoAwayCode)
    /// The peer violated the protocol. The session has queued a Go Away (protocol error)
    /// and ignores further input; send the outbound bytes and close the connection.
    case connectionError(YamuxError)
}
