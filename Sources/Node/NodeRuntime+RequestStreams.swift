import IO
import Identity
import P2P
import Wire

/// Request/response protocols (``RequestService``), the serving side: registration before
/// the node starts, the host events of their streams, the concurrency limits, timeouts, and
/// writing each reply as the stream has room. Loop thread unless said otherwise.
extension NodeRuntime {
    /// Serves `service` on streams peers open: the protocol is announced in identify and
    /// agreed on every connection. Call before ``start()``, once per protocol id.
    public func serveRequests(_ service: RequestService) {
        precondition(!hasStarted, "request protocols are registered before the node starts")
        precondition(requestServices[service.protocolID] == nil, "\(service.protocolID) is registered twice")
        requestServices[service.protocolID] = service
        gossip.node.perform { host, _ in
            host.supportInboundProtocol(service.protocolID)
            return HostOutput()
        }
    }

    /// What happened to the requests of a served protocol so far. Any thread.
    public func requestCounters(for protocolID: String) -> RequestCounters {
        requestCounterTable[protocolID]
    }

    /// Takes the host events of request streams, both sides; returns false for the other
    /// events (a disconnection is seen here and by the other protocols too).
    func handledRequestStreamEvent(_ event: HostEvent) -> Bool {
        switch event {
        case .streamOpened(let id, let stream, let protocolID, let inbound):
            let key = SyncStream.Key(connection: id, stream: stream)
            if inbound {
                guard let service = requestServices[protocolID] else { return false }
                requestStreamOpened(key, service: service)
            } else {
                guard requestStreams[key] != nil else { return false }
                requestStreams[key]?.isOpen = true
                flushRequestStream(key)
            }
        case .streamData(let id, let stream, let bytes):
            let key = SyncStream.Key(connection: id, stream: stream)
            guard requestStreams[key] != nil else { return false }
            requestStreamData(bytes, on: key)
        case .streamWritable(let id, let stream):
            let key = SyncStream.Key(connection: id, stream: stream)
            guard requestStreams[key] != nil else { return false }
            flushRequestStream(key)
        case .streamClosed(let id, let stream), .streamRefused(let id, let stream):
            let key = SyncStream.Key(connection: id, stream: stream)
            guard requestStreams[key] != nil else { return false }
            if case .streamRefused = event {
                endRequest(key, with: .refused)
            } else {
                requestStreamClosed(key)
            }
        case .disconnected(let id, _, _):
            for key in requestStreams.keys where key.connection == id { abandonRequest(key) }
            return false
        default:
            return false
        }
        return true
    }

    /// A peer opened a stream: taken within the limits, reset past them.
    private func requestStreamOpened(_ key: SyncStream.Key, service: RequestService) {
        guard let peer = connections[key.connection] else { return resetRequestStream(key) }
        let limits = service.limits
        let inFlight = requestStreams.values.filter { $0.inbound && $0.protocolID == service.protocolID }
        guard inFlight.count < limits.requestCountMax,
              inFlight.count(where: { $0.peer == peer }) < limits.perPeerRequestCountMax else {
            requestCounterTable.count(service.protocolID, \.refused)
            log.debug("request_refused", ["peer": peer, "protocol": service.protocolID, "in_flight": inFlight.count])
            return resetRequestStream(key)
        }
        var stream = RequestStream(serving: service.protocolID, peer: peer, requestByteCountMax: limits.requestByteCountMax)
        stream.timer = requestTimer(key, after: limits.requestTimeout)
        requestStreams[key] = stream
    }

    private func requestStreamData(_ bytes: [UInt8], on key: SyncStream.Key) {
        guard var stream = requestStreams[key] else { return }
        let frame: [UInt8]?
        do {
            frame = try stream.reader.append(bytes)
        } catch {
            if stream.inbound {
                requestCounterTable.count(stream.protocolID, \.malformed)
                endRequest(key, with: .closed)
                return misbehaved(stream.peer, "a \(stream.protocolID) request over the limit or malformed: \(error)")
            }
            return endRequest(key, with: .malformedReply("\(error)"))
        }
        requestStreams[key] = stream
        guard let frame else { return }
        if stream.inbound {
            handle(frame, on: key, service: requestServices[stream.protocolID])
        } else {
            finishRequest(key, with: .success(frame))
        }
    }

    /// Hands a whole request to its handler; the reply comes back through the loop.
    private func handle(_ request: [UInt8], on key: SyncStream.Key, service: RequestService?) {
        guard let service, let peer = requestStreams[key]?.peer else { return }
        requestStreams[key]?.phase = .handling
        requestStreams[key]?.timer?.cancel()
        requestStreams[key]?.timer = requestTimer(key, after: service.limits.responseTimeout)
        let reply: RequestService.Reply = { [weak self] response in
            guard let self else { return }
            _ = loop.execute { self.replied(response, on: key) }
        }
        let cancellation = RequestCancellation()
        requestStreams[key]?.cancellation = cancellation
        service.handler(request, peer, reply, cancellation)
    }

    private func replied(_ response: [UInt8], on key: SyncStream.Key) {
        guard let stream = requestStreams[key], stream.phase == .handling,
              let limits = requestServices[stream.protocolID]?.limits else { return }
        guard response.count <= limits.responseByteCountMax else {
            log.warning("request_reply_too_long", ["protocol": stream.protocolID, "bytes": response.count,
                                                   "limit": limits.responseByteCountMax])
            requestCounterTable.count(stream.protocolID, \.abandoned)
            return endRequest(key, with: .closed)
        }
        requestStreams[key]?.phase = .replying
        requestStreams[key]?.cancellation = nil
        requestStreams[key]?.pendingWrite = VarintFrameDecoder.frame(response)
        flushRequestStream(key)
    }

    /// Writes what the stream has room for; once a reply has left, closes our side and
    /// forgets the stream; once a request has left, closes our side and waits.
    func flushRequestStream(_ key: SyncStream.Key) {
        guard let stream = requestStreams[key], stream.isOpen, flushQueued(\.requestStreams, \.pendingWrite, on: key) else {
            return
        }
        switch stream.phase {
        case .replying:
            requestStreams[key]?.timer?.cancel()
            requestStreams[key] = nil
            requestCounterTable.count(stream.protocolID, \.served)
            gossip.node.perform { host, now in host.closeWrite(key.stream, on: key.connection, now: now) }
        case .sending:
            requestStreams[key]?.phase = .awaitingReply
            gossip.node.perform { host, now in host.closeWrite(key.stream, on: key.connection, now: now) }
        default:
            break
        }
    }

    /// The peer closed its side or reset the stream. A request whose handler runs goes on
    /// while the peer only closed its side (it waits for the reply).
    private func requestStreamClosed(_ key: SyncStream.Key) {
        guard let stream = requestStreams[key] else { return }
        if stream.isAnswering && gossip.node.host.isApplicationStreamOpen(key.stream, on: key.connection) { return }
        abandonRequest(key)
    }

    /// Ends a stream whose exchange cannot finish (the stream or the connection ended).
    private func abandonRequest(_ key: SyncStream.Key) {
        guard let stream = requestStreams[key] else { return }
        if stream.isAnswering { requestCounterTable.count(stream.protocolID, \.abandoned) }
        endRequest(key, with: .closed)
    }

    private func requestTimer(_ key: SyncStream.Key, after delay: Duration) -> TimerHandle {
        loop.scheduleTimer(after: delay) { [weak self] in
            guard let self, let stream = requestStreams[key] else { return }
            if stream.inbound {
                requestCounterTable.count(stream.protocolID, \.timedOut)
                log.debug("request_timeout", ["peer": stream.peer, "protocol": stream.protocolID])
            }
            endRequest(key, with: .timedOut)
        }
    }

    /// Forgets a stream, resetting it if it is still open, and tells an asker why.
    func endRequest(_ key: SyncStream.Key, with error: RequestError) {
        finishRequest(key, with: .failure(error))
    }

    /// Forgets a stream (resetting it if it is still open) and hands an asker its result.
    private func finishRequest(_ key: SyncStream.Key, with result: Result<[UInt8], RequestError>) {
        guard let stream = requestStreams.removeValue(forKey: key) else { return }
        stream.timer?.cancel()
        stream.cancellation?.cancel()
        resetRequestStream(key)
        stream.completion?(result)
    }

    private func resetRequestStream(_ key: SyncStream.Key) {
        gossip.node.perform { host, now in host.reset(key.stream, on: key.connection, now: now) }
    }

    /// While the node stops: every asker hears so.
    func stopRequestStreams() {
        for key in requestStreams.keys { endRequest(key, with: .stopped) }
    }
}
