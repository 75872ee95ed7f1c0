import Identity
import P2P
import Wire

/// Request/response protocols (``RequestService``), the asking side: a request to a
/// connected peer on a stream of its own. The request frame is written as the stream has
/// room, then our side closes; the reply frame is read within its limit, and the stream is
/// reset if the peer has not closed it by then.
extension NodeRuntime {
    /// Sends `request` to the connected `peer` on a new `protocolID` stream and hands the
    /// reply (at most `responseByteCountMax` bytes) or why there is none to `completion`,
    /// once, on the loop thread. Any thread.
    public func request(_ request: [UInt8], to peer: PeerID, protocolID: String, responseByteCountMax: Int,
                        timeout: Duration, completion: @escaping @Sendable (Result<[UInt8], RequestError>) -> Void) {
        precondition(responseByteCountMax > 0 && timeout > .zero, "a request needs a reply limit and a timeout")
        let queued = loop.execute { [self] in
            guard !isStopping else { return completion(.failure(.stopped)) }
            guard let key = openApplicationStream(to: peer, protocolID: protocolID) else {
                return completion(.failure(.notConnected))
            }
            var stream = RequestStream(asking: protocolID, peer: peer, request: request,
                                       responseByteCountMax: responseByteCountMax, completion: completion)
            stream.timer = loop.scheduleTimer(after: timeout) { [weak self] in self?.endRequest(key, with: .timedOut) }
            requestStreams[key] = stream
        }
        if !queued { completion(.failure(.stopped)) }
    }
}
