extension YamuxSession {
    /// Handles a Data or Window Update header: opening, flags, window, and the payload that
    /// follows (read afterwards by `receive`).
    mutating func handleStreamFrame(_ header: YamuxFrameHeader, events: inout [YamuxEvent]) throws(YamuxError) {
        let streamID = header.streamID
        let length = Int(header.length)
        if header.type == .data && length > configuration.frameByteCountMax {
            throw .frameTooLarge(streamID: streamID, byteCount: length, byteCountMax: configuration.frameByteCountMax)
        }
        if header.flags.contains(.syn) {
            guard try openInbound(header, events: &events) else { return skipPayload(of: header) }
        } else if streams[streamID] == nil {
            guard wasOpened(streamID) else { throw .unknownStream(streamID: streamID) }
            statistics.framesForClosedStreams += 1
            return skipPayload(of: header)
        }
        if header.flags.contains(.rst) {
            removeStream(streamID)
            statistics.streamsResetByPeer += 1
            events.append(.streamReset(streamID))
            return skipPayload(of: header)
        }
        if header.flags.contains(.ack) && streams[streamID]!.opening == .awaitingAcknowledgement {
            streams[streamID]!.opening = .established
        }
        if header.type == .windowUpdate {
            growSendWindow(of: streamID, by: length, events: &events)
            if header.flags.contains(.fin) { handleRemoteFinish(streamID, events: &events) }
            return
        }
        try receiveData(header, events: &events)
    }

    /// Registers a stream the peer opened, or refuses it; returns whether it was registered.
    private mutating func openInbound(_ header: YamuxFrameHeader, events: inout [YamuxEvent]) throws(YamuxError) -> Bool {
        let streamID = header.streamID
        guard !role.opens(streamID) else { throw .wrongStreamParity(streamID: streamID) }
        guard streamID > highestInboundStreamID else { throw .streamIDReuse(streamID: streamID) }
        highestInboundStreamID = streamID
        if header.flags.contains(.rst) {
            statistics.streamsResetByPeer += 1
            return false
        }
        if hasSentGoAway || streams.count >= configuration.streamCountMax
            || unacceptedStreamCount >= configuration.unacknowledgedInboundStreamCountMax {
            statistics.streamsRefused += 1
            appendResponse(YamuxFrameHeader(type: .windowUpdate, flags: .rst, streamID: streamID, length: 0))
            return false
        }
        streams[streamID] = YamuxStream(id: streamID, opening: .awaitingAcceptance)
        unacceptedStreamCount += 1
        statistics.streamsOpenedByPeer += 1
        events.append(.inboundStream(streamID))
        return true
    }

    /// Checks a data header against the stream's state and window and starts its payload.
    private mutating func receiveData(_ header: YamuxFrameHeader, events: inout [YamuxEvent]) throws(YamuxError) {
        let streamID = header.streamID
        let length = Int(header.length)
        if length > 0 && streams[streamID]!.remoteFinished {
            throw .dataAfterFin(streamID: streamID)
        }
        let window = streams[streamID]!.receiveWindow
        guard length <= window else {
            throw .windowExceeded(streamID: streamID, byteCount: length, windowByteCount: window)
        }
        streams[streamID]!.receiveWindow = window - length
        if length > 0 {
            inboundPayload = InboundPayload(
                streamID: streamID, remainingByteCount: length, isDelivered: true,
                finishes: header.flags.contains(.fin))
        } else if header.flags.contains(.fin) {
            handleRemoteFinish(streamID, events: &events)
        }
    }

    /// Arranges for a data frame's payload to be read and dropped.
    private mutating func skipPayload(of header: YamuxFrameHeader) {
        guard header.type == .data && header.length > 0 else { return }
        inboundPayload = InboundPayload(
            streamID: header.streamID, remainingByteCount: Int(header.length), isDelivered: false, finishes: false)
    }

    /// Adds a window update's delta, saturating at the 32-bit maximum (sending less than
    /// allowed is always safe).
    private mutating func growSendWindow(of streamID: UInt32, by delta: Int, events: inout [YamuxEvent]) {
        let before = streams[streamID]!.sendWindow
        let (sum, overflow) = before.addingReportingOverflow(delta)
        let after = overflow ? YamuxConfiguration.windowByteCountMax : min(sum, YamuxConfiguration.windowByteCountMax)
        streams[streamID]!.sendWindow = after
        if before == 0 && after > 0 && streams[streamID]!.writeState != .finished {
            events.append(.writable(streamID))
        }
    }

    /// The peer half-closed the stream; drops the stream if we had too.
    mutating func handleRemoteFinish(_ streamID: UInt32, events: inout [YamuxEvent]) {
        guard streams[streamID]?.remoteFinished == false else { return }
        streams[streamID]!.remoteFinished = true
        events.append(.remoteClosedWrite(streamID))
        if streams[streamID]!.writeState == .finished {
            removeStream(streamID)
            statistics.streamsClosed += 1
            events.append(.streamClosed(streamID))
        }
    }

    /// Forgets a stream's state.
    mutating func removeStream(_ streamID: UInt32) {
        if streams[streamID]?.opening == .awaitingAcceptance {
            unacceptedStreamCount -= 1
        }
        streams[streamID] = nil
    }
}
