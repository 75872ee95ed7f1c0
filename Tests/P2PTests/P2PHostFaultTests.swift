import Identity
import Multistream
import Noise
import Testing
import Wire
import Yamux
@testable import P2P

/// Bad input on one connection closes that connection only: the listener reports the
/// reason in `.disconnected`, counts it in `closeCounts`, and its other connection (link 0
/// of the trio, a well-behaved dialer) still answers a ping afterwards.
///
/// Covered elsewhere in `HostTests`: a malformed multistream line, a different peer than
/// the one dialled, and a handshake that never finishes.
@Suite("P2PHost faults")
struct HostFaultTests {
    /// A stream id the offending dialer has not used yet (it opened stream 1 for identify).
    static let freshStream: UInt32 = 101

    // MARK: Noise handshake

    @Test("an oversized Noise frame during the handshake closes only that connection", arguments: [33, 0xffff])
    func oversizedHandshakeFrame(byteCount: Int) throws {
        var trio = try Self.trioWithHealthyLink()
        let offender = try trio.acceptRaw()
        let before = trio.listener.connectionCount
        var negotiation = MultistreamNegotiation.dialer(proposing: [ProtocolID.noise])
        // Message 1 is exactly a 32-byte key; the frame header alone announces more.
        trio.inject(negotiation.start() + [UInt8(byteCount >> 8), UInt8(byteCount & 0xff)], toListenerOn: offender)
        expectOnlyOffenderClosed(
            &trio, offender, peer: nil,
            reason: .secureChannelFailed(.handshakeFrameTooLarge(byteCount: byteCount, limit: 32)), connectionsBefore: before)
    }

    @Test("the hand-built initiator passes the handshake when it is honest")
    func honestRogueInitiator() throws {
        var trio = try Self.trioWithHealthyLink()
        let offender = try trio.acceptRaw()
        var rogue = RogueInitiator()
        trio.inject(rogue.start(), toListenerOn: offender)
        trio.inject(try rogue.message3(answering: trio.rawReceived[offender] ?? [], payload: rogue.honestPayload), toListenerOn: offender)
        #expect(trio.listener.peer(of: offender) == rogue.identity.peerID)
        #expect(trio.listener.closeCounts.isEmpty)
    }

    @Test("a handshake signature of another static key closes only that connection")
    func badHandshakeSignature() throws {
        var trio = try Self.trioWithHealthyLink()
        let offender = try trio.acceptRaw()
        let before = trio.listener.connectionCount
        var rogue = RogueInitiator()
        trio.inject(rogue.start(), toListenerOn: offender)
        trio.inject(try rogue.message3(answering: trio.rawReceived[offender] ?? [], payload: rogue.forgedPayload), toListenerOn: offender)
        expectOnlyOffenderClosed(
            &trio, offender, peer: nil, reason: .secureChannelFailed(.badIdentitySignature), connectionsBefore: before)
    }

    @Test("a handshake message altered in flight closes only that connection")
    func tamperedHandshakeMessage() throws {
        var trio = try Self.trioWithHealthyLink()
        let offender = try trio.acceptRaw()
        let before = trio.listener.connectionCount
        var rogue = RogueInitiator()
        trio.inject(rogue.start(), toListenerOn: offender)
        let message3 = try rogue.message3(answering: trio.rawReceived[offender] ?? [], payload: rogue.honestPayload) { body in
            var altered = body
            altered[altered.count - 1] ^= 0x01   // the payload's tag
            return altered
        }
        trio.inject(message3, toListenerOn: offender)
        expectOnlyOffenderClosed(&trio, offender, peer: nil, reason: .secureChannelFailed(.decryptionFailed), connectionsBefore: before)
    }

    // MARK: Noise transport

    @Test("a transport frame altered in flight closes only that connection")
    func tamperedTransportFrame() throws {
        var trio = try Self.trioWithHealthyLink()
        try trio.connectDialer()
        let offender = trio.links[1].listenerID
        let before = trio.listener.connectionCount
        var sealed = try trio.sealAsDialer(1, RawYamuxFrame.frame(type: 2, flags: RawYamuxFrame.syn, stream: 0, length: 1))
        sealed[sealed.count - 1] ^= 0x80
        trio.inject(sealed, toListenerOn: offender)
        expectOnlyOffenderClosed(
            &trio, offender, peer: trio.dialers[1].peerID, reason: .secureChannelFailed(.decryptionFailed), connectionsBefore: before)
        // No go-away can be trusted any more; the dialer just sees its socket end.
        #expect(trio.links[1].dialerEvents.last == .disconnected(trio.links[1].dialerID, trio.listener.peerID, .closedByRemote))
        #expect(trio.dialers[1].connectionCount == 0)
    }

    @Test("a transport frame shorter than its tag closes only that connection")
    func garbageTransportFrame() throws {
        var trio = try Self.trioWithHealthyLink()
        try trio.connectDialer()
        let offender = trio.links[1].listenerID
        let before = trio.listener.connectionCount
        trio.inject([0x00, 0x05, 0xde, 0xad, 0xbe, 0xef, 0x00], toListenerOn: offender)
        expectOnlyOffenderClosed(
            &trio, offender, peer: trio.dialers[1].peerID, reason: .secureChannelFailed(.frameTooShort(byteCount: 5)),
            connectionsBefore: before)
    }

    // MARK: Yamux

    @Test("a yamux frame of unknown type closes only that connection")
    func unknownYamuxFrameType() throws {
        try expectYamuxViolation(RawYamuxFrame.frame(type: 4, stream: 0, length: 0), .unknownFrameType(4))
    }

    @Test("more data than the 256 KiB stream window closes only that connection")
    func windowOverrun() throws {
        let window = YamuxConfiguration.initialWindowByteCount
        let frames = RawYamuxFrame.frame(
            type: RawYamuxFrame.data, flags: RawYamuxFrame.syn, stream: Self.freshStream, payload: [UInt8](repeating: 0x61, count: window))
            + RawYamuxFrame.frame(type: RawYamuxFrame.data, stream: Self.freshStream, payload: [0x62])
        try expectYamuxViolation(frames, .windowExceeded(streamID: Self.freshStream, byteCount: 1, windowByteCount: 0))
    }

    @Test("a yamux data frame over the frame limit closes only that connection")
    func oversizedYamuxFrame() throws {
        let limit = YamuxConfiguration.standard.frameByteCountMax
        let header = RawYamuxFrame.frame(type: RawYamuxFrame.data, flags: RawYamuxFrame.syn, stream: Self.freshStream, length: UInt32(limit + 1))
        try expectYamuxViolation(header, .frameTooLarge(streamID: Self.freshStream, byteCount: limit + 1, byteCountMax: limit))
    }

    @Test("a new inbound stream with the listener's stream-id parity closes only that connection")
    func wrongStreamParity() throws {
        let frame = RawYamuxFrame.frame(type: RawYamuxFrame.windowUpdate, flags: RawYamuxFrame.syn, stream: 100, length: 0)
        try expectYamuxViolation(frame, .wrongStreamParity(streamID: 100))
    }

    @Test("data after FIN closes only that connection")
    func dataAfterFin() throws {
        let frames = RawYamuxFrame.frame(
            type: RawYamuxFrame.windowUpdate, flags: RawYamuxFrame.syn | RawYamuxFrame.fin, stream: Self.freshStream, length: 0)
            + RawYamuxFrame.frame(type: RawYamuxFrame.data, stream: Self.freshStream, payload: [1, 2, 3])
        try expectYamuxViolation(frames, .dataAfterFin(streamID: Self.freshStream))
    }

    @Test("inbound streams beyond the stream limit are reset while the connection stays up")
    func tooManyStreams() throws {
        let streamCountMax = 4, extra = 2, protocolID = "/fault-test/1.0.0"
        var configuration = HostConfiguration()
        configuration.connection.yamux = YamuxConfiguration(streamCountMax: streamCountMax)
        configuration.connection.inboundProtocols.insert(protocolID)
        var trio = HostTrio(configuration: configuration)
        try trio.connectDialer()
        try trio.connectDialer()
        let crowded = trio.links[1]
        #expect(trio.listenerMuxer(crowded.listenerID)?.openStreamCount == 0)

        var streams: [UInt32] = []
        for _ in 0..<(streamCountMax + extra) {
            let (stream, output) = trio.dialers[1].openApplicationStream(on: crowded.dialerID, proposing: [protocolID], now: trio.now)
            streams.append(try #require(stream))
            trio.absorbDialer(1, output)
        }
        trio.run()

        let listenerMuxer = try #require(trio.listenerMuxer(crowded.listenerID))
        #expect(listenerMuxer.openStreamIDs == Array(streams.prefix(streamCountMax)))
        #expect(listenerMuxer.statistics.streamsRefused == extra)
        let dialerMuxer = try #require(trio.dialerMuxer(1))
        #expect(dialerMuxer.statistics.streamsResetByPeer == extra)
        #expect(streams.map(dialerMuxer.isOpen) == Array(repeating: true, count: streamCountMax) + Array(repeating: false, count: extra))
        let opened = trio.listenerEvents.filter { if case .streamOpened(crowded.listenerID, _, protocolID, true) = $0 { true } else { false } }
        #expect(opened.count == streamCountMax)
        #expect(trio.listener.closeCounts.isEmpty)
        #expect(trio.listener.connectionCount == 2)

        // Resetting one accepted stream frees a place: the crowded connection pings again.
        trio.absorbDialer(1, trio.dialers[1].update(crowded.dialerID, now: trio.now) { connection in
            (try? connection.reset(streams[0])) ?? ConnectionOutput()
        })
        trio.run()
        let crowdedPinged = trio.pings(1), otherPinged = trio.pings(0)
        #expect(crowdedPinged)
        #expect(otherPinged)
        #expect(trio.listener.closeCounts.isEmpty)
    }

    // MARK: Helpers

    /// A listener with one well-behaved dialer connected (link 0).
    static func trioWithHealthyLink() throws -> HostTrio {
        var trio = HostTrio()
        try trio.connectDialer()
        return trio
    }

    /// Sends `frames` on an established second connection, sealed with its live Noise
    /// session, and checks that the listener closed it for `error` and nothing else.
    private func expectYamuxViolation(
        _ frames: [UInt8], _ error: YamuxError, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var trio = try Self.trioWithHealthyLink()
        try trio.connectDialer()
        let offender = trio.links[1].listenerID
        let before = trio.listener.connectionCount
        trio.inject(try trio.sealAsDialer(1, frames), toListenerOn: offender)
        expectOnlyOffenderClosed(
            &trio, offender, peer: trio.dialers[1].peerID, reason: .muxerFailed(error), connectionsBefore: before,
            sourceLocation: sourceLocation)
        // The listener's go-away reached the offender, which ends its side as closed by the remote.
        #expect(
            trio.links[1].dialerEvents.last == .disconnected(trio.links[1].dialerID, trio.listener.peerID, .closedByRemote),
            sourceLocation: sourceLocation)
        #expect(trio.dialers[1].connectionCount == 0, sourceLocation: sourceLocation)
    }

    /// Checks that the listener closed `offender` for `reason`, reported and counted it once,
    /// that exactly that connection went, and that link 0 still answers a ping.
    private func expectOnlyOffenderClosed(
        _ trio: inout HostTrio, _ offender: ConnectionID, peer: PeerID?, reason: ConnectionCloseReason,
        connectionsBefore: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let disconnects = trio.listenerEvents.filter { if case .disconnected = $0 { true } else { false } }
        #expect(disconnects == [.disconnected(offender, peer, reason)], sourceLocation: sourceLocation)
        #expect(trio.listener.closeCounts == [reason.kind: 1], sourceLocation: sourceLocation)
        #expect(trio.listener.connectionCount == connectionsBefore - 1, sourceLocation: sourceLocation)
        #expect(trio.listener.connectionIDs == [trio.links[0].listenerID], sourceLocation: sourceLocation)
        let pinged = trio.pings(0)
        #expect(pinged, sourceLocation: sourceLocation)
        #expect(trio.listener.closeCounts == [reason.kind: 1], sourceLocation: sourceLocation)
    }
}
