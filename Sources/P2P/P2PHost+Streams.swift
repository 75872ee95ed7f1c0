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

    private mutating func resetStream(_ id: ConnectionID, _ stream: UInt32, now: Duration, into output: inout HostOutput) {
        connections[id]?.streams[stream] = nil
        output.merge(update(id, now: now) { connection in (try? connection.reset(stream)) ?? ConnectionOutput() })
    }
}
