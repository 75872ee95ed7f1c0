extension YamuxSession {
    /// Returns the bytes to send now and forgets them: control frames first (SYN, ACK,
    /// window updates, RST, pings, go-away), then data frames of every stream as far as the
    /// peer's windows allow, each at most `sendFrameByteCountMax` bytes, with FIN after a
    /// stream's last queued byte once `closeWrite` was called. After a violation only the
    /// control frames (ending with the Go Away) are returned.
    public mutating func takeOutbound() -> [UInt8] {
        var output = controlOutbound
        controlOutbound = []
        responseByteCount = 0
        if failure == nil {
            for streamID in streams.keys.sorted() where streams[streamID]!.hasPendingOutput {
                appendFrames(of: streamID, to: &output)
            }
        }
        statistics.bytesSent += output.count
        return output
    }

    /// Appends a stream's sendable data frames, and its FIN once the queue is empty.
    private mutating func appendFrames(of streamID: UInt32, to output: inout [UInt8]) {
        let frameByteCountMax = configuration.sendFrameByteCountMax
        while true {
            let queued = streams[streamID]!.sendQueue.count
            let window = streams[streamID]!.sendWindow
            guard queued > 0 && window > 0 else { break }
            let byteCount = min(queued, window, frameByteCountMax)
            var flags: YamuxFlags = []
            if byteCount == queued && streams[streamID]!.writeState == .finishQueued {
                flags = .fin
                streams[streamID]!.writeState = .finished
            }
            YamuxFrameHeader(type: .data, flags: flags, streamID: streamID, length: UInt32(byteCount)).append(to: &output)
            streams[streamID]!.sendQueue.moveFirst(byteCount, appendingTo: &output)
            streams[streamID]!.sendWindow = window - byteCount
            statistics.framesSent += 1
            statistics.dataBytesSent += byteCount
        }
        if streams[streamID]!.writeState == .finishQueued && streams[streamID]!.sendQueue.isEmpty {
            YamuxFrameHeader(type: .windowUpdate, flags: .fin, streamID: streamID, length: 0).append(to: &output)
            streams[streamID]!.writeState = .finished
            statistics.framesSent += 1
        }
        if streams[streamID]!.writeState == .finished && streams[streamID]!.remoteFinished {
            removeStream(streamID)
            statistics.streamsClosed += 1
            pendingEvents.append(.streamClosed(streamID))
        }
    }

    /// Queues a control frame.
    mutating func appendControl(_ header: YamuxFrameHeader) {
        header.append(to: &controlOutbound)
        statistics.framesSent += 1
    }

    /// Queues a frame the peer provoked, unless `responseByteCountMax` is reached; returns
    /// whether it was queued.
    @discardableResult
    mutating func appendResponse(_ header: YamuxFrameHeader) -> Bool {
        guard responseByteCount + YamuxFrameHeader.byteCount <= configuration.responseByteCountMax else {
            statistics.responsesDropped += 1
            return false
        }
        responseByteCount += YamuxFrameHeader.byteCount
        appendControl(header)
        return true
    }
}
