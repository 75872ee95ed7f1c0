import Identity
import Wire

/// Socket events, and what the host does with each connection's events.
extension P2PHost {
    /// Bytes read from a connection's socket.
    public mutating func receive(_ bytes: [UInt8], on id: ConnectionID, now: Duration) -> HostOutput {
        update(id, now: now) { connection in connection.receive(bytes, now: now) }
    }

    /// The socket reached end of file or failed.
    public mutating func socketClosed(_ id: ConnectionID, now: Duration) -> HostOutput {
        update(id, now: now) { connection in connection.remoteClosed() }
    }

    /// Closes a connection from this side.
    public mutating func close(_ id: ConnectionID, now: Duration) -> HostOutput {
        update(id, now: now) { connection in connection.close() }
    }

    /// Enforces set-up deadlines; call about once a second.
    public mutating func tick(now: Duration) -> HostOutput {
        var output = HostOutput()
        for id in connectionIDs {
            let step = update(id, now: now) { connection in connection.tick(now: now) }
            output.merge(step)
        }
        return output
    }

    /// Runs `body` on one connection and handles what it produced.
    mutating func update(_ id: ConnectionID, now: Duration, _ body: (inout Connection) -> ConnectionOutput) -> HostOutput {
        var output = HostOutput()
        // Taken out of the dictionary so that the connection's buffers are uniquely
        // referenced while it works, and mutate in place instead of being copied.
        guard var managed = connections.removeValue(forKey: id) else { return output }
        let step = body(&managed.connection)
        connections[id] = managed
        output.append(step, for: id)
        for event in step.events {
            handle(event, on: id, now: now, into: &output)
        }
        return output
    }

    private mutating func handle(_ event: ConnectionEvent, on id: ConnectionID, now: Duration, into output: inout HostOutput) {
        switch event {
        case .established(let peer, _):
            established(id, peer, now: now, into: &output)
        case .closed(let reason):
            let managed = connections.removeValue(forKey: id)
            closeCounts[reason.kind, default: 0] += 1
            output.closes.append(id)
            output.events.append(.disconnected(id, managed?.peerID, reason))
        case .streamNegotiated(let stream, let protocolID, let inbound):
            streamNegotiated(id, stream, protocolID, inbound: inbound, now: now, into: &output)
        case .streamData(let stream, let bytes):
            streamData(id, stream, bytes, now: now, into: &output)
        case .streamWritable(let stream):
            if case .application? = connections[id]?.streams[stream] {
                output.events.append(.streamWritable(id, stream: stream))
            }
        case .streamRemoteClosed(let stream):
            streamRemoteClosed(id, stream, now: now, into: &output)
        case .streamReset(let stream), .streamRefused(let stream):
            streamEnded(id, stream, now: now, into: &output)
        case .streamFinished(let stream):
            streamFinished(id, stream)
        }
    }

    private mutating func established(_ id: ConnectionID, _ peer: PeerID, now: Duration, into output: inout HostOutput) {
        guard var managed = connections[id] else { return }
        managed.isEstablished = true
        connections[id] = managed
        if let loser = duplicateToClose(for: id, peer: peer) {
            output.merge(update(loser, now: now) { connection in
                var closing = connection.close()
                closing.events = closing.events.map { event in
                    if case .closed = event { return .closed(.duplicateConnection) }
                    return event
                }
                return closing
            })
            if loser == id { return }
        }
        peerStore.saw(peer, at: managed.inbound ? nil : managed.remoteAddress, now: now)
        output.events.append(.connected(id, peer, inbound: managed.inbound))
        output.merge(openStream(on: id, proposing: [ProtocolID.identify], now: now).output)
    }

    /// When two connections reach one peer, both sides keep the one dialled by the peer
    /// with the smaller id (the older one if one peer dialled both).
    private func duplicateToClose(for id: ConnectionID, peer: PeerID) -> ConnectionID? {
        guard let other = connections.first(where: { $0.key != id && $0.value.isEstablished && $0.value.peerID == peer })?.key,
              let new = connections[id], let old = connections[other] else { return nil }
        guard new.inbound != old.inbound else { return id }
        let localDialsFirst = peerID.bytes.lexicographicallyPrecedes(peer.bytes)
        let keepOutbound = localDialsFirst
        let keep = (new.inbound != keepOutbound) ? id : other
        return keep == id ? other : id
    }
}

extension HostOutput {
    mutating func merge(_ other: HostOutput) {
        sends += other.sends
        closes += other.closes
        events += other.events
    }
}
