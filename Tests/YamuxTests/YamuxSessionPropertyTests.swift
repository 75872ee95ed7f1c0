import Testing
import TestSupport
import Yamux

@Suite("YamuxSession, seeded properties")
struct YamuxSessionPropertyTests {
    /// A plausible frame: small stream ids, any flags, short payloads, extreme lengths.
    static func randomFrame(using generator: inout SeededGenerator) -> [UInt8] {
        let type = YamuxFrameType.allCases.randomElement(using: &generator)!
        let flags = YamuxFlags(rawValue: UInt16.random(in: 0...15, using: &generator))
        let streamID = type.isStreamFrame ? UInt32.random(in: 1...9, using: &generator) : 0
        switch type {
        case .data:
            return frame(.data, flags, stream: streamID, payload: generator.bytes(maximumCount: 40))
        case .windowUpdate:
            let length = Bool.random(using: &generator) ? UInt32.random(in: 0...UInt32.max, using: &generator)
                : UInt32.random(in: 0...1000, using: &generator)
            return frame(.windowUpdate, flags, stream: streamID, length: length)
        case .ping, .goAway:
            return frame(type, flags, stream: streamID, length: UInt32.random(in: 0...3, using: &generator))
        }
    }

    /// Local operations between input chunks, each within what the API allows.
    static func exercise(_ session: inout YamuxSession, using generator: inout SeededGenerator) {
        guard let stream = session.openStreamIDs.randomElement(using: &generator) else {
            _ = try? session.openStream()
            return
        }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: try? session.write(generator.bytes(maximumCount: 64), to: stream)
        case 1: session.consume(session.unconsumedByteCount(on: stream), on: stream)
        case 2: session.closeWrite(stream)
        case 3: session.accept(stream)
        case 4: session.ping(now: .zero)
        default: _ = try? session.openStream()
        }
        _ = session.takeOutbound()
    }

    static func checkWindows(_ session: YamuxSession) {
        for stream in session.openStreamIDs {
            #expect(session.sendWindow(of: stream) >= 0 && session.sendWindow(of: stream) <= Int(UInt32.max))
            #expect(session.receiveWindow(of: stream) >= 0)
        }
    }

    @Test("random and mutated frame streams never trap, in any chunking, for both roles")
    func randomInput() {
        var generator = SeededGenerator.make(for: "YamuxSession.randomInput")
        for round in 0..<400 {
            var input = (0..<Int.random(in: 1...12, using: &generator)).flatMap { _ in Self.randomFrame(using: &generator) }
            if round % 3 == 0 { input = generator.mutate(input) }
            if round % 10 == 0 { input = generator.bytes(maximumCount: 200) }
            for role in [YamuxRole.client, .server] {
                var session = YamuxSession(role: role, configuration: YamuxConfiguration(frameByteCountMax: 32))
                var index = 0
                while index < input.count {
                    let end = min(input.count, index + Int.random(in: 1...30, using: &generator))
                    _ = session.receive(Array(input[index..<end]), now: .zero)
                    Self.exercise(&session, using: &generator)
                    index = end
                }
                Self.checkWindows(session)
                #expect(session.statistics.violations.values.reduce(0, +) == (session.failure == nil ? 0 : 1))
            }
        }
    }

    /// One side of the random schedule, with what its application wrote and was given.
    struct Side {
        var session: YamuxSession
        var written: [UInt32: [UInt8]] = [:]
        var delivered: [UInt32: [UInt8]] = [:]
        var reset: Set<UInt32> = []
        var inFlight: [UInt8] = []
        var events: [YamuxEvent] = []

        mutating func record(_ new: [YamuxEvent]) {
            for event in new {
                switch event {
                case .data(let stream, let bytes): delivered[stream, default: []] += bytes
                case .streamReset(let stream): reset.insert(stream)
                default: break
                }
            }
            events += new
        }
    }

    /// Moves a random prefix of `from`'s bytes in flight to `to`, in random pieces.
    static func deliver(from: inout Side, to: inout Side, all: Bool, using generator: inout SeededGenerator) {
        from.inFlight += from.session.takeOutbound()
        from.record(from.session.takeEvents())
        let byteCount = all ? from.inFlight.count : Int.random(in: 0...from.inFlight.count, using: &generator)
        var index = 0
        while index < byteCount {
            let end = min(byteCount, index + Int.random(in: 1...4096, using: &generator))
            to.record(to.session.receive(Array(from.inFlight[index..<end]), now: .zero))
            index = end
        }
        from.inFlight.removeFirst(byteCount)
    }

    static func step(_ side: inout Side, using generator: inout SeededGenerator) {
        let streams = side.session.openStreamIDs
        let stream = streams.randomElement(using: &generator)
        switch (Int.random(in: 0..<100, using: &generator), stream) {
        case (0..<5, _), (_, nil):
            _ = try? side.session.openStream()
        case (5..<45, let stream?):
            let count = min(side.session.writableByteCount(on: stream), Int.random(in: 0...20_000, using: &generator))
            let bytes = generator.bytes(count: count)
            if (try? side.session.write(bytes, to: stream)) != nil { side.written[stream, default: []] += bytes }
        case (45..<80, let stream?):
            let unconsumed = side.session.unconsumedByteCount(on: stream)
            side.session.consume(Int.random(in: 0...unconsumed, using: &generator), on: stream)
        case (80..<88, let stream?):
            side.session.closeWrite(stream)
        case (88..<90, let stream?):
            side.session.reset(stream)
            side.reset.insert(stream)
        case (90..<95, let stream?):
            side.session.accept(stream)
        default:
            side.session.ping(now: .zero)
        }
    }

    /// Whether every stream's delivered bytes are a prefix of what the other side wrote.
    static func checkOrder(writer: Side, reader: Side) {
        for (stream, bytes) in reader.delivered {
            #expect(writer.written[stream, default: []].starts(with: bytes), "stream \(stream) delivered out of order")
        }
    }

    @Test("a random schedule keeps windows valid and delivers what was written, in order")
    func randomSchedule() {
        var generator = SeededGenerator.make(for: "YamuxSession.randomSchedule")
        let configuration = YamuxConfiguration(streamCountMax: 16, unacknowledgedInboundStreamCountMax: 4,
                                               bufferedSendByteCountMax: 100_000)
        var client = Side(session: YamuxSession(role: .client, configuration: configuration))
        var server = Side(session: YamuxSession(role: .server, configuration: configuration))
        for _ in 0..<3000 {
            if Bool.random(using: &generator) {
                Self.step(&client, using: &generator)
            } else {
                Self.step(&server, using: &generator)
            }
            if Int.random(in: 0..<3, using: &generator) == 0 {
                Self.deliver(from: &client, to: &server, all: false, using: &generator)
                Self.deliver(from: &server, to: &client, all: false, using: &generator)
            }
            Self.checkWindows(client.session)
            Self.checkWindows(server.session)
        }
        Self.checkOrder(writer: client, reader: server)
        Self.checkOrder(writer: server, reader: client)
        Self.drain(&client, &server, using: &generator)
    }

    /// Closes every stream, consumes everything, and checks that every stream neither side
    /// reset delivered all its bytes and closed on both sides.
    static func drain(_ client: inout Side, _ server: inout Side, using generator: inout SeededGenerator) {
        for _ in 0..<1000 {
            for side in [0, 1] {
                var current = side == 0 ? client : server
                for stream in current.session.openStreamIDs {
                    current.session.closeWrite(stream)
                    current.session.consume(current.session.unconsumedByteCount(on: stream), on: stream)
                }
                if side == 0 { client = current } else { server = current }
            }
            deliver(from: &client, to: &server, all: true, using: &generator)
            deliver(from: &server, to: &client, all: true, using: &generator)
            if client.inFlight.isEmpty && server.inFlight.isEmpty && client.session.openStreamCount == 0
                && server.session.openStreamCount == 0 { break }
        }
        #expect(client.session.openStreamCount == 0 && server.session.openStreamCount == 0)
        for (writer, reader) in [(client, server), (server, client)] {
            #expect(!reader.events.contains { if case .connectionError = $0 { true } else { false } })
            for (stream, bytes) in writer.written where !writer.reset.contains(stream) && !reader.reset.contains(stream) {
                #expect(reader.delivered[stream, default: []] == bytes, "stream \(stream) lost bytes")
                #expect(reader.events.contains(.streamClosed(stream)) || writer.events.contains(.streamClosed(stream)))
            }
        }
    }
}
