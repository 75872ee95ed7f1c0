extension YamuxSession {
    /// Opens a stream: queues a window update with SYN (carrying any window surplus).
    /// Data may be written at once; the peer's ACK is not awaited.
    public mutating func openStream() throws(YamuxError) -> UInt32 {
        guard failure == nil else { throw .sessionFailed }
        guard !hasSentGoAway && !hasReceivedGoAway else { throw .goingAway }
        guard streams.count < configuration.streamCountMax else {
            throw .tooManyStreams(streamCountMax: configuration.streamCountMax)
        }
        guard nextOutboundStreamID <= UInt64(UInt32.max) else { throw .streamIDsExhausted }
        let streamID = UInt32(nextOutboundStreamID)
        nextOutboundStreamID += 2
        var stream = YamuxStream(id: streamID, opening: .awaitingAcknowledgement)
        stream.receiveWindow = configuration.receiveWindowByteCount
        streams[streamID] = stream
        appendControl(YamuxFrameHeader(
            type: .windowUpdate, flags: .syn, streamID: streamID, length: configuration.windowSurplus))
        statistics.streamsOpenedLocally += 1
        return streamID
    }

    /// Accepts a stream the peer opened: queues a window update with ACK (carrying any
    /// window surplus) and frees its place in the backlog. Writing, consuming and closing
    /// accept implicitly; accepting twice, or a stream that is gone, does nothing.
    /// - Precondition: the stream was opened at some point.
    public mutating func accept(_ streamID: UInt32) {
        requireOpened(streamID)
        guard failure == nil, streams[streamID]?.opening == .awaitingAcceptance else { return }
        streams[streamID]!.opening = .established
        streams[streamID]!.receiveWindow += configuration.receiveWindowByteCount - YamuxConfiguration.initialWindowByteCount
        unacceptedStreamCount -= 1
        appendControl(YamuxFrameHeader(
            type: .windowUpdate, flags: .ack, streamID: streamID, length: configuration.windowSurplus))
    }

    /// Queues `data` on the stream; it is sent by `takeOutbound()` as the peer's window
    /// allows. Throws, queuing nothing, when the stream is not writable or the queue would
    /// pass `bufferedSendByteCountMax` (see `writableByteCount(on:)`).
    /// - Precondition: the stream was opened at some point.
    public mutating func write(_ data: [UInt8], to streamID: UInt32) throws(YamuxError) {
        guard failure == nil else { throw .sessionFailed }
        requireOpened(streamID)
        guard streams[streamID]?.writeState == .open else { throw .streamNotWritable(streamID: streamID) }
        let queued = streams[streamID]!.sendQueue.count
        guard data.count <= configuration.bufferedSendByteCountMax - queued else {
            throw .sendQueueFull(
                streamID: streamID, queuedByteCount: queued, byteCountMax: configuration.bufferedSendByteCountMax)
        }
        accept(streamID)
        streams[streamID]!.sendQueue.append(data)
    }

    /// Reports that the application took `byteCount` delivered bytes of the stream. Once
    /// half the receive window is consumed, a window update returns it to the peer: this is
    /// the back-pressure path. A stream that is gone is ignored.
    /// - Precondition: the stream was opened at some point, and `byteCount` is at most the
    ///   bytes delivered and not yet consumed.
    public mutating func consume(_ byteCount: Int, on streamID: UInt32) {
        requireOpened(streamID)
        precondition(byteCount >= 0, "a negative byte count")
        guard failure == nil, streams[streamID] != nil else { return }
        precondition(byteCount <= streams[streamID]!.unconsumedByteCount, "consuming more bytes than were delivered")
        accept(streamID)
        streams[streamID]!.unconsumedByteCount -= byteCount
        streams[streamID]!.consumedByteCount += byteCount
        let consumed = streams[streamID]!.consumedByteCount
        guard !streams[streamID]!.remoteFinished && consumed >= configuration.receiveWindowByteCount / 2 else { return }
        streams[streamID]!.consumedByteCount = 0
        streams[streamID]!.receiveWindow += consumed
        appendControl(YamuxFrameHeader(type: .windowUpdate, streamID: streamID, length: UInt32(consumed)))
    }

    /// Half-closes the stream: FIN follows the queued data. Closing again, or a stream
    /// that is gone, does nothing.
    /// - Precondition: the stream was opened at some point.
    public mutating func closeWrite(_ streamID: UInt32) {
        requireOpened(streamID)
        guard failure == nil, streams[streamID]?.writeState == .open else { return }
        accept(streamID)
        streams[streamID]!.writeState = .finishQueued
    }

    /// Resets the stream: drops its state and queued data and queues RST. A stream that is
    /// gone is ignored.
    /// - Precondition: the stream was opened at some point.
    public mutating func reset(_ streamID: UInt32) {
        requireOpened(streamID)
        guard failure == nil, streams[streamID] != nil else { return }
        removeStream(streamID)
        appendControl(YamuxFrameHeader(type: .windowUpdate, flags: .rst, streamID: streamID, length: 0))
        statistics.streamsResetLocally += 1
    }

    /// Queues a ping; its response becomes `.pong(roundTrip:)`, measured against the
    /// `now` of the `receive` call that brings it. Returns false, sending nothing, while an
    /// earlier ping is unanswered or after a violation.
    @discardableResult
    public mutating func ping(now: Duration) -> Bool {
        guard failure == nil, outstandingPing == nil else { return false }
        let value = nextPingValue
        nextPingValue &+= 1
        outstandingPing = OutstandingPing(value: value, sentAt: now)
        appendControl(YamuxFrameHeader(type: .ping, flags: .syn, streamID: 0, length: value))
        return true
    }

    /// Queues Go Away: no new streams either way; open streams go on. Only the first call
    /// sends anything.
    public mutating func goAway(code: YamuxGoAwayCode = .normal) {
        guard failure == nil, !hasSentGoAway else { return }
        hasSentGoAway = true
        appendControl(YamuxFrameHeader(type: .goAway, streamID: 0, length: code.rawValue))
    }

    private func requireOpened(_ streamID: UInt32) {
        precondition(streams[streamID] != nil || wasOpened(streamID), "stream \(streamID) was never opened")
    }
}
