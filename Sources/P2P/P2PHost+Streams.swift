import Identity
import Wire

/// Data and ends of the streams the host handles.
extension P2PHost {
    mutating func streamData(_ id: ConnectionID, _ stream: UInt32, _ bytes: [UInt8], now: Duration, into output: inout HostOutput) {
        guard var managed = connections[id], let kind = managed.streams[stream] else { return }
        switch kind {
        case .identifyReceiving(var decoder):
            guard let frames = try? decoder.append(bytes) else { return resetStream(id, stream, now: now, into: &output) }
            managed.streams[stream] = .identifyReceiving(decoder)
            connections[id] = managed
            for frame in frames { identified(id, frame, now: now, into: &output) }
        case .pingInbound(var exchange):
            let echo = (try? exchange.receive(bytes, now: now))?.echo ?? []
            managed.streams[stream] = .pingInbound(exchange)
            connections[id] = managed
            if !echo.isEmpty { output.merge(write(echo, to: stream, on: id, now: now)) }
        case .pingOutbound(var exchange):
            do {
                let answered = try exchange.receive(bytes, now: now)
                managed.streams[stream] = .pingOutbound(exchange)
                connections[id] = managed
                for roundTrip in answered.roundTrips {
                    if let peer = managed.peerID { output.events.append(.pingRoundTrip(id, peer, roundTrip)) }
                }
            } catch {
                output.events.append(.pingFailed(id, "\(error)"))
                resetStream(id, stream, now: now, into: &output)
            }
        case .identifySending:
            break
        case .application:
            output.events.append(.streamData(id, stream: stream, bytes: bytes))
        }
    }

    private mutating func identified(_ id: ConnectionID, _ frame: [UInt8], now: Duration, into output: inout HostOutput) {
        guard let peer = connections[id]?.peerID, let message = try? IdentifyMessage(bytes: frame) else { return }
        if let key = message.publicKey, !peer.matches(key) { return }
        peerStore.identified(peer, message, now: now)
        if let record = message.signedPeerRecord { receivedPeerRecord(record, from: peer, now: now) }
        if let observed = message.observedAddress { observedAddresses.record(observed, reportedBy: peer) }
        output.events.append(.identified(id, peer, message))
    }

    mutating func streamRemoteClosed(_ id: ConnectionID, _ stream: UInt32, now: Duration, into output: inout HostOutput) {
        guard var managed = connections[id], let kind = managed.streams[stream] else { return }
        if case .application = kind {
            output.events.append(.streamClosed(id, stream: stream))
            return
        }
        managed.streams[stream] = nil
        if managed.pingStream == stream { managed.pingStream = nil }
        connections[id] = managed
        output.merge(update(id, now: now) { connection in (try? connection.closeWrite(stream)) ?? ConnectionOutput() })
    }

    mutating func streamEnded(_ id: ConnectionID, _ stream: UInt32, now: Duration, into output: inout HostOutput) {
        guard var managed = connections[id] else { return }
        let kind = managed.streams.removeValue(forKey: stream)
        if managed.pingStream == stream {
            output.events.append(.pingFailed(id, "the peer refused or reset the ping stream"))
            managed.pingStream = nil
            managed.pendingPingPayloads = []
        }
        let wasPending = managed.pendingApplicationStreams.remove(stream) != nil
        connections[id] = managed
        if case .application = kind { output.events.append(.streamClosed(id, stream: stream)) }
        if wasPending { output.events.append(.streamRefused(id, stream: stream)) }
    }

    /// Both sides closed the stream: the host forgets it (the owner of an application
    /// stream heard `.streamClosed` when the peer's side closed).
    mutating func streamFinished(_ id: ConnectionID, _ stream: UInt32) {
        guard var managed = connections[id], managed.streams.removeValue(forKey: stream) != nil else { return }
        if managed.pingStream == stream { managed.pingStream = nil }
        connections[id] = managed
    }

    /// Whether an application stream is still open here: agreed, not reset, and not closed
    /// both ways (the peer may have closed its side).
    public func isApplicationStreamOpen(_ stream: UInt32, on id: ConnectionID) -> Bool {
        guard case .application? = connections[id]?.streams[stream] else { return false }
        return true
    }

    /// Closes this side of an application stream: its queued bytes go out, then FIN. The
    /// peer may go on writing; `.streamClosed` follows when it closes its side.
    public mutating func closeWrite(_ stream: UInt32, on id: ConnectionID, now: Duration) -> HostOutput {
        guard isApplicationStreamOpen(stream, on: id) else { return HostOutput() }
        return update(id, now: now) { connection in (try? connection.closeWrite(stream)) ?? ConnectionOutput() }
    }

    /// Aborts an application stream both ways, agreed or still negotiating, dropping what
    /// is queued on it. No event follows here; the peer sees the stream end.
    public mutating func reset(_ stream: UInt32, on id: ConnectionID, now: Duration) -> HostOutput {
        guard var managed = connections[id] else { return HostOutput() }
        let pending = managed.pendingApplicationStreams.remove(stream) != nil
        guard pending || isApplicationStreamOpen(stream, on: id) else { return HostOutput() }
        managed.streams[stream] = nil
        connections[id] = managed
        return update(id, now: now) { connection in (try? connection.reset(stream)) ?? ConnectionOutput() }
    }

    private mutating func resetStream(_ id: ConnectionID, _ stream: UInt32, now: Duration, into output: inout HostOutput) {
        connections[id]?.streams[stream] = nil
        output.merge(update(id, now: now) { connection in (try? connection.reset(stream)) ?? ConnectionOutput() })
    }
}
