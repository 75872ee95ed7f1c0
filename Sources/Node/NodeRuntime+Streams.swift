import Gossip
import IO
import Identity
import Ledger
import Network
import P2P
import Wire

/// Host events: peers coming and going, and the bytes of `/oln/sync/1` streams, both
/// sides. The serving side answers one request at a time from the archive, at most
/// ``SyncRequest/countMax`` batches or about ``SyncResponse/byteCountTarget`` bytes, and
/// writes the answer as the stream has room. Loop thread.
extension NodeRuntime {
    func hostEvent(_ event: HostEvent) {
        guard !isStopping, !handledRequestStreamEvent(event) else { return }
        switch event {
        case .connected(let id, let peer, let inbound):
            let isNewPeer = !connections.values.contains(peer)
            connections[id] = peer
            if isNewPeer { log.info("peer_connected", ["peer": peer, "inbound": inbound, "peers": Set(connections.values).count]) }
            if sync.wanted { requestSync(preferring: peer, reason: "new peer") }
            if isNewPeer { fetchNextBlob() }
        case .disconnected(let id, let peer, let reason):
            guard let owner = connections.removeValue(forKey: id) else {
                if let peer { log.debug("dial_failed", ["peer": peer, "reason": reason]) }
                return
            }
            syncStreams = syncStreams.filter { $0.key.connection != id }
            blobConnectionClosed(id)
            if sync.active?.stream.connection == id { sync.active = nil }
            if !connections.values.contains(owner) {
                log.info("peer_disconnected", ["peer": owner, "reason": reason, "peers": Set(connections.values).count])
            }
        case .streamOpened(let id, let stream, let protocolID, let inbound) where protocolID == SyncStream.protocolID:
            opened(SyncStream.Key(connection: id, stream: stream), inbound: inbound)
        case .streamOpened(let id, let stream, let protocolID, let inbound) where protocolID == BlobStream.protocolID:
            blobStreamOpened(SyncStream.Key(connection: id, stream: stream), inbound: inbound)
        case .streamData(let id, let stream, let bytes):
            let key = SyncStream.Key(connection: id, stream: stream)
            if blobStreams[key] != nil { return blobStreamData(bytes, on: key) }
            streamData(bytes, on: key)
        case .streamWritable(let id, let stream):
            let key = SyncStream.Key(connection: id, stream: stream)
            if blobStreams[key] != nil { return flushBlobStream(key) }
            flush(key)
        case .streamClosed(let id, let stream), .streamRefused(let id, let stream):
            let key = SyncStream.Key(connection: id, stream: stream)
            if blobStreams[key] != nil { return blobStreamClosed(key) }
            guard syncStreams.removeValue(forKey: key) != nil else { return }
            if sync.active?.stream == key { sync.active = nil }
        default:
            break
        }
    }

    private func opened(_ key: SyncStream.Key, inbound: Bool) {
        if inbound {
            guard let peer = connections[key.connection] else { return }
            syncStreams[key] = SyncStream(peer: peer, inbound: true)
            return
        }
        guard syncStreams[key] != nil else { return }
        syncStreams[key]?.isOpen = true
        if let active = sync.active, active.stream == key { send(VarintFrameDecoder.frame(active.request.encoded), on: key) }
    }

    private func streamData(_ bytes: [UInt8], on key: SyncStream.Key) {
        guard var stream = syncStreams[key] else { return }
        let frames: [[UInt8]]
        do {
            frames = try stream.decoder.append(bytes)
        } catch {
            return misbehaved(stream.peer, "a sync frame over the limit")
        }
        syncStreams[key] = stream
        for frame in frames {
            if stream.inbound {
                guard let request = try? SyncRequest.decode(frame) else { return misbehaved(stream.peer, "a malformed sync request") }
                guard syncStreams[key]?.queuedRequests.count ?? 0 < SyncStream.queuedRequestCountMax else {
                    return misbehaved(stream.peer, "too many sync requests at once")
                }
                syncStreams[key]?.queuedRequests.append(request)
            } else {
                guard let response = try? SyncResponse.decode(frame) else { return misbehaved(stream.peer, "a malformed sync response") }
                received(response, on: key)
            }
        }
        if stream.inbound { serve(key) }
    }

    /// Answers the next queued request once the previous answer has left.
    private func serve(_ key: SyncStream.Key) {
        guard let stream = syncStreams[key], stream.pendingWrite.isEmpty, let request = stream.queuedRequests.first else { return }
        syncStreams[key]?.queuedRequests.removeFirst()
        let ledger = machine.executor.ledger
        var entries: [SyncEntry] = []
        var byteCount = 0
        let archived = (try? ledger.archivedBatches(from: request.fromHeight, count: Int(request.count))) ?? []
        for batch in archived {
            let entry = SyncEntry(batch)
            guard entries.isEmpty || byteCount + entry.batch.count <= SyncResponse.byteCountTarget else { break }
            byteCount += entry.batch.count + entry.certificate.count
            entries.append(entry)
        }
        let response = SyncResponse(id: request.id, headHeight: machine.executor.head.height, entries: entries)
        log.debug("sync_served", ["peer": stream.peer, "from": request.fromHeight, "batches": entries.count])
        send(VarintFrameDecoder.frame(response.encoded), on: key)
    }

    /// Queues bytes for a stream and writes what it has room for.
    func send(_ bytes: [UInt8], on key: SyncStream.Key) {
        guard syncStreams[key] != nil else { return }
        syncStreams[key]?.pendingWrite.append(contentsOf: bytes)
        flush(key)
    }

    private func flush(_ key: SyncStream.Key) {
        if flushQueued(\.syncStreams, \.pendingWrite, on: key), syncStreams[key]?.inbound == true { serve(key) }
    }
}
