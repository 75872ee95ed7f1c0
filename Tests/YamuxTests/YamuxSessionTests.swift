import Testing
import TestSupport
import Yamux

@Suite("YamuxSession, two parties")
struct YamuxSessionTests {
    @Test("streams open both ways with the right parity, SYN and ACK")
    func openBothWays() throws {
        var pair = YamuxPair()
        let fromClient = try pair.client.openStream()
        let fromServer = try pair.server.openStream()
        let secondFromClient = try pair.client.openStream()
        #expect([fromClient, fromServer, secondFromClient] == [1, 2, 3])
        let toServer = pair.client.takeOutbound()
        #expect(try frameHeaders(toServer) == [
            YamuxFrameHeader(type: .windowUpdate, flags: .syn, streamID: 1, length: 0),
            YamuxFrameHeader(type: .windowUpdate, flags: .syn, streamID: 3, length: 0),
        ])
        #expect(pair.server.receive(toServer, now: .zero) == [.inboundStream(1), .inboundStream(3)])
        #expect(pair.client.receive(pair.server.takeOutbound(), now: .zero) == [.inboundStream(2)])
        pair.server.accept(1)
        pair.server.reset(3)
        pair.client.accept(2)
        pair.client.accept(2)
        #expect(try frameHeaders(pair.server.takeOutbound()) == [
            YamuxFrameHeader(type: .windowUpdate, flags: .ack, streamID: 1, length: 0),
            YamuxFrameHeader(type: .windowUpdate, flags: .rst, streamID: 3, length: 0),
        ])
        #expect(try frameHeaders(pair.client.takeOutbound()) == [
            YamuxFrameHeader(type: .windowUpdate, flags: .ack, streamID: 2, length: 0),
        ])
        try pair.client.write(Array("ping".utf8), to: 2)
        try pair.server.write(Array("pong".utf8), to: 2)
        try pair.client.write(Array("one".utf8), to: 1)
        pair.flush()
        #expect(deliveredBytes(pair.serverEvents, on: 2) == Array("ping".utf8))
        #expect(deliveredBytes(pair.clientEvents, on: 2) == Array("pong".utf8))
        #expect(deliveredBytes(pair.serverEvents, on: 1) == Array("one".utf8))
        #expect(pair.client.openStreamIDs == [1, 2, 3] && pair.server.openStreamIDs == [1, 2])
        // The client learns of the reset only now: the server's RST went out above, unseen.
        #expect(pair.client.isOpen(3))
    }

    @Test("the first frames match the SYN known answer and the data follows the SYN")
    func synThenData() throws {
        var client = YamuxSession(role: .client)
        let stream = try client.openStream()
        try client.write([0x68, 0x69], to: stream)
        #expect(client.takeOutbound() == hex("00 01 0001 00000001 00000000  00 00 0000 00000001 00000002 6869"))
    }

    @Test("10 MB pass through one stream; the sender stops at the window until the receiver consumes")
    func tenMegabytesWithFlowControl() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        let total = 10_000_000
        var written = 0
        var received: [UInt8] = []
        received.reserveCapacity(total)
        var stalls = 0
        while received.count < total {
            let chunk = min(pair.client.writableByteCount(on: stream), total - written)
            if chunk > 0 {
                try pair.client.write((written..<written + chunk).map { UInt8(truncatingIfNeeded: $0 % 251) }, to: stream)
                written += chunk
            }
            pair.flush()
            let delivered = deliveredBytes(pair.serverEvents, on: stream)
            pair.serverEvents.removeAll()
            if pair.client.sendWindow(of: stream) == 0 && pair.client.queuedByteCount(on: stream) > 0 {
                stalls += 1
                // Blocked: the receiver holds exactly one window of unconsumed data.
                #expect(pair.server.unconsumedByteCount(on: stream) == YamuxConfiguration.initialWindowByteCount)
                #expect(pair.server.receiveWindow(of: stream) == 0)
            }
            received += delivered
            pair.server.consume(pair.server.unconsumedByteCount(on: stream), on: stream)
        }
        #expect(stalls > 0)
        #expect(received.count == total)
        #expect(received == (0..<total).map { UInt8(truncatingIfNeeded: $0 % 251) })
        #expect(pair.client.statistics.dataBytesSent == total)
        #expect(pair.server.statistics.dataBytesDelivered == total)
    }

    @Test("a stalled sender resumes with a writable event once the receiver consumes")
    func writableAfterConsume() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        try pair.client.write([UInt8](repeating: 7, count: 300_000), to: stream)
        pair.flush()
        #expect(pair.client.sendWindow(of: stream) == 0)
        #expect(pair.client.queuedByteCount(on: stream) == 300_000 - 262_144)
        #expect(pair.server.unconsumedByteCount(on: stream) == 262_144)
        pair.server.consume(100_000, on: stream)
        pair.flush()
        #expect(pair.client.sendWindow(of: stream) == 0, "less than half a window consumed: no update yet")
        pair.server.consume(40_000, on: stream)
        pair.flush()
        #expect(pair.clientEvents.contains(.writable(stream)))
        #expect(pair.client.queuedByteCount(on: stream) == 0)
        #expect(pair.client.sendWindow(of: stream) == 140_000 - (300_000 - 262_144))
    }

    @Test("half-close in both orders ends with the stream closed on both sides", arguments: [true, false])
    func halfClose(clientFirst: Bool) throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        try pair.client.write(Array("request".utf8), to: stream)
        try pair.server.write(Array("response".utf8), to: stream)
        if clientFirst { pair.client.closeWrite(stream) } else { pair.server.closeWrite(stream) }
        pair.flush()
        let firstCloser = clientFirst ? pair.client : pair.server
        #expect(!firstCloser.isWritable(stream) && firstCloser.isOpen(stream))
        #expect(throws: YamuxError.streamNotWritable(streamID: stream)) {
            var session = firstCloser
            try session.write([1], to: stream)
        }
        let lateWriter = clientFirst ? "server" : "client"
        if clientFirst { try pair.server.write(Array(lateWriter.utf8), to: stream) } else {
            try pair.client.write(Array(lateWriter.utf8), to: stream)
        }
        if clientFirst { pair.server.closeWrite(stream) } else { pair.client.closeWrite(stream) }
        pair.flush()
        #expect(deliveredBytes(pair.serverEvents, on: stream) == Array("request".utf8) + (clientFirst ? [] : Array("client".utf8)))
        #expect(deliveredBytes(pair.clientEvents, on: stream) == Array("response".utf8) + (clientFirst ? Array("server".utf8) : []))
        #expect(controlEvents(pair.clientEvents).suffix(2) == (clientFirst ? [.remoteClosedWrite(stream), .streamClosed(stream)]
            : [.remoteClosedWrite(stream), .streamClosed(stream)]))
        #expect(controlEvents(pair.serverEvents).contains(.remoteClosedWrite(stream)))
        #expect(controlEvents(pair.serverEvents).last == .streamClosed(stream))
        #expect(!pair.client.isOpen(stream) && !pair.server.isOpen(stream))
        #expect(pair.client.statistics.streamsClosed == 1 && pair.server.statistics.streamsClosed == 1)
    }

    @Test("FIN follows queued data that waited for the window")
    func finAfterQueuedData() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        try pair.client.write([UInt8](repeating: 1, count: 262_144 + 10), to: stream)
        pair.client.closeWrite(stream)
        pair.flush()
        #expect(!pair.serverEvents.contains(.remoteClosedWrite(stream)))
        pair.server.consume(262_144, on: stream)
        pair.flush()
        #expect(pair.serverEvents.last == .remoteClosedWrite(stream))
        #expect(deliveredBytes(pair.serverEvents, on: stream).count == 262_144 + 10)
    }

    @Test("a reset drops the stream on both sides and data in flight is tolerated")
    func reset() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        let other = try pair.openClientStream()
        try pair.server.write(Array("in flight".utf8), to: stream)
        let inFlight = pair.server.takeOutbound()
        pair.client.reset(stream)
        pair.flush()
        #expect(pair.serverEvents.contains(.streamReset(stream)))
        #expect(throws: YamuxError.streamNotWritable(streamID: stream)) {
            try pair.server.write([1], to: stream)
        }
        let events = pair.client.receive(inFlight, now: .zero)
        #expect(events.isEmpty)
        #expect(pair.client.statistics.framesForClosedStreams == 1)
        #expect(pair.client.statistics.dataBytesDiscarded == 9)
        #expect(pair.client.statistics.streamsResetLocally == 1 && pair.server.statistics.streamsResetByPeer == 1)
        try pair.client.write([42], to: other)
        pair.flush()
        #expect(deliveredBytes(pair.serverEvents, on: other) == [42])
        pair.client.consume(0, on: stream)
        pair.client.closeWrite(stream)
        pair.client.reset(stream)
        #expect(pair.client.takeOutbound().isEmpty, "operations on a reset stream do nothing")
    }

    @Test("ping measures the round trip with the supplied clock")
    func pingRoundTrip() throws {
        var pair = YamuxPair()
        pair.now = .seconds(5)
        let first = pair.client.ping(now: .seconds(5))
        let second = pair.client.ping(now: .seconds(5))
        #expect(first && !second, "one ping at a time")
        let request = pair.client.takeOutbound()
        #expect(request == hex("00 02 0001 00000000 00000001"))
        let response = pair.server.receive(request, now: .seconds(5))
        #expect(response.isEmpty)
        let pong = pair.server.takeOutbound()
        #expect(pong == hex("00 02 0002 00000000 00000001"))
        #expect(pair.client.receive(pong, now: .seconds(5) + .milliseconds(250)) == [.pong(roundTrip: .milliseconds(250))])
        #expect(pair.client.receive(pong, now: .seconds(6)).isEmpty, "a second answer matches nothing")
        #expect(pair.client.statistics.pongsUnmatched == 1 && pair.server.statistics.pingsAnswered == 1)
        let third = pair.client.ping(now: .seconds(7))
        #expect(third)
        #expect(pair.client.takeOutbound() == hex("00 02 0001 00000000 00000002"))
    }

    @Test("go-away stops new streams both ways; open streams go on")
    func goAway() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        pair.server.goAway(code: 0)
        pair.server.goAway(code: .internalError)
        #expect(pair.server.takeOutbound() == hex("00 03 0000 00000000 00000000"))
        #expect(pair.client.receive(hex("00 03 0000 00000000 00000000"), now: .zero) == [.remoteGoAway(code: .normal)])
        #expect(throws: YamuxError.goingAway) { try pair.client.openStream() }
        #expect(throws: YamuxError.goingAway) { try pair.server.openStream() }
        // A peer that opens a stream anyway is refused with RST.
        #expect(pair.server.receive(frame(.windowUpdate, .syn, stream: 3, length: 0), now: .zero).isEmpty)
        #expect(pair.server.takeOutbound() == hex("00 01 0008 00000003 00000000"))
        #expect(pair.server.statistics.streamsRefused == 1)
        try pair.client.write([1, 2, 3], to: stream)
        pair.flush()
        #expect(deliveredBytes(pair.serverEvents, on: stream) == [1, 2, 3])
    }

    @Test("an unknown go-away code is passed through")
    func unknownGoAwayCode() {
        var client = YamuxSession(role: .client)
        #expect(client.receive(hex("00 03 0000 00000000 00001005"), now: .zero)
            == [.remoteGoAway(code: YamuxGoAwayCode(rawValue: 0x1005))])
        #expect(client.hasReceivedGoAway)
    }

    @Test("inbound streams beyond the unacknowledged backlog are reset")
    func backlog() throws {
        var pair = YamuxPair(server: YamuxConfiguration(unacknowledgedInboundStreamCountMax: 2))
        let streams = try (0..<3).map { _ in try pair.client.openStream() }
        pair.flush()
        #expect(pair.serverEvents == [.inboundStream(streams[0]), .inboundStream(streams[1])])
        #expect(pair.clientEvents == [.streamReset(streams[2])])
        #expect(pair.server.statistics.streamsRefused == 1)
        pair.server.accept(streams[0])
        let fourth = try pair.client.openStream()
        pair.flush()
        #expect(pair.serverEvents.last == .inboundStream(fourth))
    }

    @Test("stream count limits: opening throws, inbound beyond the limit is reset")
    func streamCountLimit() throws {
        var pair = YamuxPair(client: YamuxConfiguration(streamCountMax: 2), server: YamuxConfiguration(streamCountMax: 2))
        _ = try pair.openClientStream()
        _ = try pair.openClientStream()
        #expect(throws: YamuxError.tooManyStreams(streamCountMax: 2)) { try pair.client.openStream() }
        #expect(pair.server.receive(frame(.data, .syn, stream: 5, payload: [1]), now: .zero).isEmpty)
        #expect(pair.server.takeOutbound() == hex("00 01 0008 00000005 00000000"))
        #expect(pair.server.statistics.dataBytesDiscarded == 1)
    }

    @Test("writes beyond the send queue limit throw and queue nothing")
    func sendQueueLimit() throws {
        var pair = YamuxPair(client: YamuxConfiguration(bufferedSendByteCountMax: 10))
        let stream = try pair.openClientStream()
        try pair.client.write([UInt8](repeating: 0, count: 6), to: stream)
        #expect(pair.client.writableByteCount(on: stream) == 4)
        #expect(throws: YamuxError.sendQueueFull(streamID: stream, queuedByteCount: 6, byteCountMax: 10)) {
            try pair.client.write([UInt8](repeating: 0, count: 5), to: stream)
        }
        #expect(pair.client.queuedByteCount(on: stream) == 6)
    }

    @Test("a larger receive window is announced with SYN and ACK")
    func windowSurplus() throws {
        let large = YamuxConfiguration(receiveWindowByteCount: 1024 * 1024, bufferedSendByteCountMax: 2 * 1024 * 1024)
        var pair = YamuxPair(client: large, server: large)
        let stream = try pair.client.openStream()
        #expect(pair.client.takeOutbound() == hex("00 01 0001 00000001 000c0000"))
        pair.serverEvents += pair.server.receive(hex("00 01 0001 00000001 000c0000"), now: .zero)
        #expect(pair.server.sendWindow(of: stream) == 1024 * 1024)
        pair.server.accept(stream)
        #expect(pair.server.takeOutbound() == hex("00 01 0002 00000001 000c0000"))
        pair.clientEvents += pair.client.receive(hex("00 01 0002 00000001 000c0000"), now: .zero)
        try pair.client.write([UInt8](repeating: 3, count: 1024 * 1024 + 1), to: stream)
        pair.flush()
        #expect(pair.server.unconsumedByteCount(on: stream) == 1024 * 1024)
        #expect(pair.client.queuedByteCount(on: stream) == 1)
    }

    @Test("data with SYN and SYN on a window update with a delta, as other implementations send")
    func peerStyles() {
        var server = YamuxSession(role: .server)
        var events = server.receive(frame(.data, .syn, stream: 1, payload: Array("hi".utf8)), now: .zero)
        events += server.receive(frame(.windowUpdate, .syn, stream: 3, length: 1000), now: .zero)
        events += server.receive(frame(.data, [.syn, .fin], stream: 5, payload: [9]), now: .zero)
        #expect(events == [
            .inboundStream(1), .data(stream: 1, bytes: Array("hi".utf8)), .inboundStream(3),
            .inboundStream(5), .data(stream: 5, bytes: [9]), .remoteClosedWrite(5),
        ])
        #expect(server.sendWindow(of: 3) == 262_144 + 1000)
        #expect(server.receiveWindow(of: 1) == 262_144 - 2)
        // SYN with RST: opened and reset at once; nothing to report.
        #expect(server.receive(frame(.windowUpdate, [.syn, .rst], stream: 7, length: 0), now: .zero).isEmpty)
        #expect(server.statistics.streamsResetByPeer == 1 && !server.isOpen(7))
        #expect(server.takeOutbound().isEmpty, "nothing is acknowledged before the application accepts")
    }

    @Test("input split at every byte gives the same events")
    func fragmentedInput() throws {
        var pair = YamuxPair()
        let stream = try pair.client.openStream()
        try pair.client.write(Array("fragmented input".utf8), to: stream)
        pair.client.closeWrite(stream)
        _ = pair.client.ping(now: .zero)
        let bytes = pair.client.takeOutbound()
        var whole = YamuxSession(role: .server)
        let expected = whole.receive(bytes, now: .zero)
        var split = YamuxSession(role: .server)
        let events = bytes.flatMap { split.receive([$0], now: .zero) }
        #expect(deliveredBytes(events, on: stream) == deliveredBytes(expected, on: stream))
        #expect(controlEvents(events) == controlEvents(expected))
        #expect(split.takeOutbound() == whole.takeOutbound())
    }

    @Test("pongs and refusals the peer provokes are bounded")
    func responseLimit() {
        var server = YamuxSession(role: .server, configuration: YamuxConfiguration(responseByteCountMax: 24))
        let pings = (1...5).flatMap { frame(.ping, .syn, stream: 0, length: UInt32($0)) }
        #expect(server.receive(pings, now: .zero).isEmpty)
        #expect(server.takeOutbound() == hex("00 02 0002 00000000 00000001 00 02 0002 00000000 00000002"))
        #expect(server.statistics.responsesDropped == 3 && server.statistics.pingsAnswered == 2)
        #expect(server.receive(frame(.ping, .syn, stream: 0, length: 6), now: .zero).isEmpty)
        #expect(server.takeOutbound() == hex("00 02 0002 00000000 00000006"), "the limit applies to unsent responses")
    }

    @Test("statistics count frames and bytes both ways")
    func statistics() throws {
        var pair = YamuxPair()
        let stream = try pair.openClientStream()
        try pair.client.write([1, 2, 3, 4], to: stream)
        pair.flush()
        let client = pair.client.statistics
        let server = pair.server.statistics
        #expect(client.framesSent == 2 && server.framesReceived == 2)
        #expect(server.framesSent == 1 && client.framesReceived == 1)
        #expect(client.bytesSent == 28 && server.bytesReceived == 28)
        #expect(client.dataBytesSent == 4 && server.dataBytesDelivered == 4)
        #expect(client.streamsOpenedLocally == 1 && server.streamsOpenedByPeer == 1)
    }

    @Test("writing to a stream id that was never opened is a programmer error")
    func neverOpenedTraps() async {
        await #expect(processExitsWith: .failure) {
            var session = YamuxSession(role: .client)
            try? session.write([1], to: 9)
        }
    }
}
