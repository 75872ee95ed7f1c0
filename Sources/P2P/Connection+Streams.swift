import Multistream
import Noise
import Yamux

/// Streams over the muxed connection: per-stream protocol negotiation and data.
extension Connection {
    /// Why a stream operation was refused.
    public enum StreamError: Error, Equatable, Sendable {
        case notEstablished
        case unknownStream(UInt32)
        case muxer(YamuxError)
    }

    /// Opens a stream that proposes `protocols` in order; `.streamNegotiated` or
    /// `.streamRefused` follows.
    public mutating func openStream(proposing protocols: [String]) throws(StreamError) -> (stream: UInt32, output: ConnectionOutput) {
        guard case .muxed(var session, var muxer) = stage else { throw .notEstablished }
        stage = .busy
        var negotiation = MultistreamNegotiation.dialer(proposing: protocols)
        let stream: UInt32
        do {
            stream = try muxer.openStream()
            try muxer.write(negotiation.start(), to: stream)
        } catch {
            stage = .muxed(session, muxer)
            throw .muxer(error)
        }
        streams[stream] = .negotiating(negotiation, inbound: false)
        var output = ConnectionOutput()
        flush(&session, &muxer, into: &output)
        return (stream, output)
    }

    /// Writes application bytes on a negotiated stream.
    public mutating func write(_ bytes: [UInt8], to stream: UInt32) throws(StreamError) -> ConnectionOutput {
        try withMuxer(stream) { (muxer: inout YamuxSession) throws(YamuxError) in try muxer.write(bytes, to: stream) }
    }

    /// Half-closes a stream: no more bytes from this side.
    public mutating func closeWrite(_ stream: UInt32) throws(StreamError) -> ConnectionOutput {
        try withMuxer(stream) { (muxer: inout YamuxSession) throws(YamuxError) in muxer.closeWrite(stream) }
    }

    /// Aborts a stream in both directions.
    public mutating func reset(_ stream: UInt32) throws(StreamError) -> ConnectionOutput {
        let output = try withMuxer(stream) { (muxer: inout YamuxSession) throws(YamuxError) in muxer.reset(stream) }
        streams[stream] = nil
        return output
    }

    private mutating func withMuxer(
        _ stream: UInt32, _ body: (inout YamuxSession) throws(YamuxError) -> Void
    ) throws(StreamError) -> ConnectionOutput {
        guard case .muxed(var session, var muxer) = stage else { throw .notEstablished }
        guard streams[stream] != nil else { throw .unknownStream(stream) }
        stage = .busy
        do {
            try body(&muxer)
        } catch {
            stage = .muxed(session, muxer)
            throw .muxer(error)
        }
        var output = ConnectionOutput()
        flush(&session, &muxer, into: &output)
        return output
    }

    mutating func receiveMuxed(
        _ session: inout NoiseSession, _ muxer: inout YamuxSession, _ bytes: [UInt8],
        now: Duration, into output: inout ConnectionOutput
    ) {
        guard let plaintext = open(bytes, with: &session, into: &output) else { return }
        handleMuxerInput(&session, &muxer, plaintext, now: now, into: &output)
    }

    mutating func handleMuxerInput(
        _ session: inout NoiseSession, _ muxer: inout YamuxSession, _ plaintext: [UInt8],
        now: Duration, into output: inout ConnectionOutput
    ) {
        let events = plaintext.isEmpty ? [] : muxer.receive(plaintext, now: now)
        for event in events {
            handle(event, muxer: &muxer, into: &output)
        }
        flush(&session, &muxer, into: &output)
    }

    /// Seals whatever the muxer queued and stores the new session and muxer state. Streams
    /// that the muxer dropped while writing (our FIN after the peer's) end here.
    mutating func flush(_ session: inout NoiseSession, _ muxer: inout YamuxSession, into output: inout ConnectionOutput) {
        seal(muxer.takeOutbound(), with: &session, into: &output)
        for event in muxer.takeEvents() {
            handle(event, muxer: &muxer, into: &output)
        }
        setStage(.muxed(session, muxer))
    }

    private mutating func handle(_ event: YamuxEvent, muxer: inout YamuxSession, into output: inout ConnectionOutput) {
        switch event {
        case .inboundStream(let stream):
            var negotiation = MultistreamNegotiation.listener(supporting: configuration.inboundProtocols)
            muxer.accept(stream)
            try? muxer.write(negotiation.start(), to: stream)
            streams[stream] = .negotiating(negotiation, inbound: true)
        case .data(let stream, let bytes):
            muxer.consume(bytes.count, on: stream)
            streamData(stream, bytes, muxer: &muxer, into: &output)
        case .remoteClosedWrite(let stream):
            if case .open = streams[stream] { output.events.append(.streamRemoteClosed(stream: stream)) }
        case .streamReset(let stream):
            if streams.removeValue(forKey: stream) != nil { output.events.append(.streamReset(stream: stream)) }
        case .streamClosed(let stream):
            if streams.removeValue(forKey: stream) != nil { output.events.append(.streamFinished(stream: stream)) }
        case .connectionError(let error):
            close(.muxerFailed(error), into: &output)
        case .remoteGoAway:
            close(.closedByRemote, into: &output)
        case .writable(let stream):
            if case .open = streams[stream] { output.events.append(.streamWritable(stream: stream)) }
        default:
            break
        }
    }

    private mutating func streamData(_ stream: UInt32, _ bytes: [UInt8], muxer: inout YamuxSession, into output: inout ConnectionOutput) {
        switch streams[stream] {
        case .open:
            output.events.append(.streamData(stream: stream, bytes: bytes))
        case .negotiating(var negotiation, let inbound):
            negotiateStream(stream, &negotiation, inbound: inbound, bytes, muxer: &muxer, into: &output)
        case nil:
            break
        }
    }

    private mutating func negotiateStream(
        _ stream: UInt32, _ negotiation: inout MultistreamNegotiation, inbound: Bool, _ bytes: [UInt8],
        muxer: inout YamuxSession, into output: inout ConnectionOutput
    ) {
        let step: MultistreamStep
        do {
            step = try negotiation.receive(bytes)
        } catch {
            muxer.reset(stream)
            streams[stream] = nil
            if !inbound { output.events.append(.streamRefused(stream: stream)) }
            return
        }
        if !step.send.isEmpty { try? muxer.write(step.send, to: stream) }
        switch step.outcome {
        case .pending:
            streams[stream] = .negotiating(negotiation, inbound: inbound)
        case .unsupported:
            muxer.reset(stream)
            streams[stream] = nil
            output.events.append(.streamRefused(stream: stream))
        case .negotiated(let protocolID, let leftover):
            streams[stream] = .open(protocolID: protocolID)
            output.events.append(.streamNegotiated(stream: stream, protocolID: protocolID, inbound: inbound))
            if !leftover.isEmpty { output.events.append(.streamData(stream: stream, bytes: leftover)) }
        }
    }
}
