import Identity
import P2P

/// What `/oln/sync/1` and `/oln/blob/1` streams share: opening one to a connected peer, and
/// writing queued bytes as the stream has room. Loop thread.
extension NodeRuntime {
    /// Opens a stream to `peer` proposing `protocolID`; nil when the peer is not connected
    /// or the host refuses another stream.
    func openApplicationStream(to peer: PeerID, protocolID: String) -> SyncStream.Key? {
        guard let connection = connections.first(where: { $0.value == peer })?.key else { return nil }
        var opened: UInt32?
        gossip.node.perform { host, now in
            let result = host.openApplicationStream(on: connection, proposing: [protocolID], now: now)
            opened = result.stream
            return result.output
        }
        return opened.map { SyncStream.Key(connection: connection, stream: $0) }
    }

    /// Writes the front of the stream's queued bytes (`streams[key].pending`) that it has
    /// room for, taking them off the queue before the host sees them; returns whether the
    /// queue is empty now (false when the stream is gone).
    func flushQueued<Stream>(_ streams: ReferenceWritableKeyPath<NodeRuntime, [SyncStream.Key: Stream]>,
                             _ pending: WritableKeyPath<Stream, [UInt8]>, on key: SyncStream.Key) -> Bool {
        guard let queued = self[keyPath: streams][key]?[keyPath: pending] else { return false }
        let count = min(gossip.node.host.writableByteCount(on: key.stream, of: key.connection), queued.count)
        if count > 0 {
            self[keyPath: streams][key]?[keyPath: pending].removeFirst(count)
            let chunk = Array(queued.prefix(count))
            gossip.node.perform { host, now in host.write(chunk, to: key.stream, on: key.connection, now: now) }
        }
        return self[keyPath: streams][key]?[keyPath: pending].isEmpty == true
    }
}
