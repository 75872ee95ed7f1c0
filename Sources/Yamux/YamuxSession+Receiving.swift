extension YamuxSession {
    /// Takes any fragment of the byte stream from the peer and returns what happened, after
    /// the events that local operations produced since the last call. Partial headers are
    /// buffered (at most 12 bytes); data payloads are delivered as they arrive. After a
    /// violation the input is ignored.
    public mutating func receive(_ bytes: [UInt8], now: Duration) -> [YamuxEvent] {
        var events = pendingEvents
        pendingEvents.removeAll()
        guard failure == nil else { return events }
        statistics.bytesReceived += bytes.count
        var index = 0
        while index < bytes.count {
            if inboundPayload != nil {
                index += takePayload(bytes[index...], events: &events)
                continue
            }
            let needed = YamuxFrameHeader.byteCount - headerBuffer.count
            let available = min(needed, bytes.count - index)
            headerBuffer.append(contentsOf: bytes[index..<index + available])
            index += available
            guard headerBuffer.count == YamuxFrameHeader.byteCount else { break }
            do throws(YamuxError) {
                let header = try YamuxFrameHeader.decode(headerBuffer[...])
                headerBuffer.removeAll(keepingCapacity: true)
                statistics.framesReceived += 1
                try handle(header, now: now, events: &events)
            } catch {
                fail(error, events: &events)
                break
            }
        }
        return events
    }

    /// Returns the events local operations produced (`.streamClosed` once our FIN went out
    /// after the peer's) without waiting for input.
    public mutating func takeEvents() -> [YamuxEvent] {
        defer { pendingEvents.removeAll() }
        return pendingEvents
    }

    private mutating func fail(_ error: YamuxError, events: inout [YamuxEvent]) {
        failure = error
        if let violation = error.violation { statistics.violations[violation, default: 0] += 1 }
        inboundPayload = nil
        headerBuffer.removeAll()
        appendControl(YamuxFrameHeader(type: .goAway, streamID: 0, length: YamuxGoAwayCode.protocolError.rawValue))
        hasSentGoAway = true
        events.append(.connectionError(error))
    }

    /// Consumes payload bytes of the frame being read; returns how many it took.
    private mutating func takePayload(_ bytes: ArraySlice<UInt8>, events: inout [YamuxEvent]) -> Int {
        guard var payload = inboundPayload else { return 0 }
        let byteCount = min(payload.remainingByteCount, bytes.count)
        let chunk = bytes.prefix(byteCount)
        if payload.isDelivered, streams[payload.streamID] != nil {
            streams[payload.streamID]!.unconsumedByteCount += byteCount
            statistics.dataBytesDelivered += byteCount
            events.append(.data(stream: payload.streamID, bytes: Array(chunk)))
        } else {
            statistics.dataBytesDiscarded += byteCount
        }
        payload.remainingByteCount -= byteCount
        if payload.remainingByteCount > 0 {
            inboundPayload = payload
            return byteCount
        }
        inboundPayload = nil
        if payload.isDelivered && payload.finishes {
            handleRemoteFinish(payload.streamID, events: &events)
        }
        return byteCount
    }

    private mutating func handle(_ header: YamuxFrameHeader, now: Duration, events: inout [YamuxEvent]) throws(YamuxError) {
        switch header.type {
        case .ping:
            handlePing(header, now: now, events: &events)
        case .goAway:
            hasReceivedGoAway = true
            events.append(.remoteGoAway(code: YamuxGoAwayCode(rawValue: header.length)))
        case .data, .windowUpdate:
            try handleStreamFrame(header, events: &events)
        }
    }

    private mutating func handlePing(_ header: YamuxFrameHeader, now: Duration, events: inout [YamuxEvent]) {
        if header.flags == .syn {
            if appendResponse(YamuxFrameHeader(type: .ping, flags: .ack, streamID: 0, length: header.length)) {
                statistics.pingsAnswered += 1
            }
        } else if let ping = outstandingPing, ping.value == header.length {
            outstandingPing = nil
            events.append(.pong(roundTrip: now - ping.sentAt))
        } else {
            statistics.pongsUnmatched += 1
        }
    }
}
