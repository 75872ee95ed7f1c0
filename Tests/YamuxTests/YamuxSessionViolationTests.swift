import Testing
import TestSupport
import Yamux

/// Each protocol violation ends the session with `.connectionError`, a Go Away with the
/// protocol-error code, and a count in the statistics, while data delivered before it stays
/// delivered.
@Suite("YamuxSession, protocol violations")
struct YamuxSessionViolationTests {
    static let before = Array("before".utf8)

    /// A server that took stream 1 from the client with `before` on it, then `bytes`.
    struct Outcome {
        var session: YamuxSession
        var events: [YamuxEvent]
        var outbound: [UInt8]
    }

    static func serve(_ bytes: [UInt8], configuration: YamuxConfiguration = .standard) -> Outcome {
        var server = YamuxSession(role: .server, configuration: configuration)
        var events = server.receive(frame(.data, .syn, stream: 1, payload: before), now: .zero)
        server.accept(1)
        events += server.receive(bytes, now: .zero)
        let outbound = server.takeOutbound()
        return Outcome(session: server, events: events, outbound: outbound)
    }

    /// Checks the common consequences of `error` and returns the outcome for more checks.
    @discardableResult
    static func expectViolation(_ bytes: [UInt8], _ error: YamuxError, configuration: YamuxConfiguration = .standard,
                                sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        var outcome = serve(bytes, configuration: configuration)
        #expect(outcome.events.last == .connectionError(error), sourceLocation: sourceLocation)
        #expect(deliveredBytes(outcome.events, on: 1).starts(with: before), sourceLocation: sourceLocation)
        #expect(outcome.outbound.suffix(12) == hex("00 03 0000 00000000 00000001"), sourceLocation: sourceLocation)
        #expect(outcome.session.failure == error, sourceLocation: sourceLocation)
        #expect(outcome.session.statistics.violations == [error.violation!: 1], sourceLocation: sourceLocation)
        let later = outcome.session.receive(frame(.data, stream: 1, payload: [1]), now: .zero)
        #expect(later.isEmpty, "input after the violation is ignored", sourceLocation: sourceLocation)
        #expect(throws: YamuxError.sessionFailed, sourceLocation: sourceLocation) {
            try outcome.session.write([1], to: 1)
        }
        #expect(throws: YamuxError.sessionFailed, sourceLocation: sourceLocation) {
            try outcome.session.openStream()
        }
        #expect(outcome.session.takeOutbound().isEmpty, sourceLocation: sourceLocation)
        return outcome
    }

    @Test("unknown version")
    func unknownVersion() {
        Self.expectViolation(hex("01 00 0000 00000001 00000001 ff"), .unsupportedVersion(1))
    }

    @Test("unknown frame type")
    func unknownFrameType() {
        Self.expectViolation(hex("00 07 0000 00000001 00000000"), .unknownFrameType(7))
    }

    @Test("invalid flags: an undefined bit")
    func undefinedFlag() {
        Self.expectViolation(hex("00 00 0040 00000001 00000000"), .invalidFlags(type: .data, flags: 0x40))
    }

    @Test("invalid flags: SYN with ACK")
    func synWithAck() {
        Self.expectViolation(hex("00 01 0003 00000003 00000000"), .invalidFlags(type: .windowUpdate, flags: 3))
    }

    @Test("invalid flags: a ping that is neither request nor response")
    func pingWithoutDirection() {
        Self.expectViolation(hex("00 02 0004 00000000 00000000"), .invalidFlags(type: .ping, flags: 4))
    }

    @Test("invalid flags: a go-away with flags")
    func goAwayWithFlags() {
        Self.expectViolation(hex("00 03 0008 00000000 00000000"), .invalidFlags(type: .goAway, flags: 8))
    }

    @Test("ping on a stream")
    func pingOnStream() {
        Self.expectViolation(hex("00 02 0001 00000001 00000000"), .sessionFrameOnStream(type: .ping, streamID: 1))
    }

    @Test("go-away on a stream")
    func goAwayOnStream() {
        Self.expectViolation(hex("00 03 0000 00000005 00000000"), .sessionFrameOnStream(type: .goAway, streamID: 5))
    }

    @Test("data on stream 0")
    func dataOnSession() {
        Self.expectViolation(hex("00 00 0000 00000000 00000001 ff"), .streamFrameOnSession(type: .data))
    }

    @Test("a new inbound stream with our parity")
    func wrongParity() {
        Self.expectViolation(frame(.windowUpdate, .syn, stream: 2, length: 0), .wrongStreamParity(streamID: 2))
    }

    @Test("a client that sees a stream with its own parity fails the same way")
    func wrongParityAtClient() {
        var client = YamuxSession(role: .client)
        let events = client.receive(frame(.data, .syn, stream: 7, payload: [1]), now: .zero)
        #expect(events == [.connectionError(.wrongStreamParity(streamID: 7))])
    }

    @Test("a stream id opened twice while open")
    func duplicateStream() {
        Self.expectViolation(frame(.data, .syn, stream: 1, payload: [1]), .streamIDReuse(streamID: 1))
    }

    @Test("a stream id below one already used")
    func streamIDReuse() {
        let outcome = Self.expectViolation(
            frame(.windowUpdate, .syn, stream: 5, length: 0) + frame(.windowUpdate, .syn, stream: 3, length: 0),
            .streamIDReuse(streamID: 3))
        #expect(outcome.events.contains(.inboundStream(5)))
    }

    @Test("data on a stream that was never opened")
    func unknownStream() {
        Self.expectViolation(frame(.data, stream: 9, payload: [1, 2]), .unknownStream(streamID: 9))
    }

    @Test("a window update for one of our stream ids that we never opened")
    func unknownOwnStream() {
        Self.expectViolation(frame(.windowUpdate, stream: 2, length: 100), .unknownStream(streamID: 2))
    }

    @Test("data after the peer's FIN")
    func dataAfterFin() {
        let outcome = Self.expectViolation(
            frame(.data, .fin, stream: 1, payload: Array("last".utf8)) + frame(.data, stream: 1, payload: [0]),
            .dataAfterFin(streamID: 1))
        #expect(deliveredBytes(outcome.events, on: 1) == Self.before + Array("last".utf8))
        #expect(outcome.events.contains(.remoteClosedWrite(1)))
    }

    @Test("an empty frame with FIN again after FIN is tolerated")
    func repeatedFin() {
        let outcome = Self.serve(frame(.windowUpdate, .fin, stream: 1, length: 0) + frame(.data, .fin, stream: 1))
        #expect(outcome.session.failure == nil)
        #expect(controlEvents(outcome.events) == [.inboundStream(1), .remoteClosedWrite(1)])
    }

    @Test("more data than the window allows")
    func windowExceeded() {
        let window = YamuxConfiguration.initialWindowByteCount - Self.before.count
        let outcome = Self.expectViolation(
            frame(.data, stream: 1, payload: [UInt8](repeating: 5, count: window)) + frame(.data, stream: 1, payload: [6]),
            .windowExceeded(streamID: 1, byteCount: 1, windowByteCount: 0))
        #expect(deliveredBytes(outcome.events, on: 1).count == YamuxConfiguration.initialWindowByteCount)
    }

    @Test("a single frame larger than the window when frames may be larger")
    func windowExceededInOneFrame() {
        Self.expectViolation(
            frame(.data, stream: 1, length: 300_000), .windowExceeded(streamID: 1, byteCount: 300_000, windowByteCount: 262_138),
            configuration: YamuxConfiguration(frameByteCountMax: 1 << 20))
    }

    @Test("a data frame over the frame limit, checked before its payload arrives")
    func frameTooLarge() {
        Self.expectViolation(
            frame(.data, stream: 1, length: 1025), .frameTooLarge(streamID: 1, byteCount: 1025, byteCountMax: 1024),
            configuration: YamuxConfiguration(frameByteCountMax: 1024))
    }

    @Test("data for a stream we reset, and for one both sides closed, is dropped without error")
    func closedStreamsTolerated() {
        var server = YamuxSession(role: .server)
        _ = server.receive(frame(.data, .syn, stream: 1, payload: [1]) + frame(.windowUpdate, .syn, stream: 3, length: 0), now: .zero)
        server.reset(1)
        server.closeWrite(3)
        _ = server.receive(frame(.windowUpdate, .fin, stream: 3, length: 0), now: .zero)
        _ = server.takeOutbound()
        #expect(server.takeEvents() == [.streamClosed(3)])
        let events = server.receive(
            frame(.data, stream: 1, payload: [1, 2, 3]) + frame(.windowUpdate, stream: 3, length: 9)
                + frame(.data, .fin, stream: 3, payload: [4]), now: .zero)
        #expect(events.isEmpty)
        #expect(server.failure == nil)
        #expect(server.statistics.framesForClosedStreams == 3 && server.statistics.dataBytesDiscarded == 4)
    }

    @Test("a reset with data drops the data")
    func resetWithData() {
        let outcome = Self.serve(frame(.data, .rst, stream: 1, payload: [9, 9]))
        #expect(outcome.session.failure == nil)
        #expect(outcome.events.last == .streamReset(1))
        #expect(deliveredBytes(outcome.events, on: 1) == Self.before)
        #expect(outcome.session.statistics.dataBytesDiscarded == 2)
    }
}
