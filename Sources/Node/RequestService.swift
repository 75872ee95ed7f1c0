import Identity

/// A request/response protocol a node serves on libp2p streams (``NodeRuntime/serveRequests(_:)``):
/// the peer opens a stream, sends one request frame, `uvarint(length) ‖ bytes`, and may close
/// its side; the node answers with one reply frame and closes its side.
///
///     peer → node   uvarint(n) ‖ request (n ≤ requestByteCountMax)   [FIN]
///     node → peer   uvarint(m) ‖ reply   (m ≤ responseByteCountMax)   FIN
///
/// A longer or malformed request, or bytes after it, drop the peer (`misbehaved`); streams
/// past the concurrency limits are reset.
public struct RequestService: Sendable {
    /// Sends the reply; from any thread, once (later calls are ignored).
    public typealias Reply = @Sendable (_ response: [UInt8]) -> Void
    /// Called on the node's loop thread with each whole request and the peer that sent it;
    /// it must not block, and answers through `reply` (from any thread, later if need be).
    /// `cancellation` tells it when the reply is no longer awaited (the stream timed out or
    /// ended first), so that long work can stop.
    public typealias Handler = @Sendable (
        _ request: [UInt8], _ peer: PeerID, _ reply: @escaping Reply, _ cancellation: RequestCancellation
    ) -> Void

    /// The libp2p protocol id, such as `/oln/infer/1`.
    public let protocolID: String
    public let limits: RequestLimits
    public let handler: Handler

    /// A service of `protocolID` answered by `handler` within `limits`.
    public init(protocolID: String, limits: RequestLimits, handler: @escaping Handler) {
        precondition(protocolID.hasPrefix("/") && !protocolID.contains("\n"), "a protocol id is a path such as /oln/x/1")
        self.protocolID = protocolID
        self.limits = limits
        self.handler = handler
    }
}
