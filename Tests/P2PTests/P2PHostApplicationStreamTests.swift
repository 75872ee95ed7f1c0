import Identity
import Testing
import Wire
@testable import P2P

@Suite("P2PHost application streams")
struct P2PHostApplicationStreamTests {
    static let protocolID = "/oln/test/1"

    static func configuration() -> HostConfiguration {
        var configuration = HostConfiguration()
        configuration.connection.inboundProtocols.insert(protocolID)
        return configuration
    }

    @Test("an agreed application stream carries bytes both ways and reports its end")
    func openWriteClose() throws {
        var pair = HostPair(configuration: Self.configuration())
        try pair.connect()
        let dialerID = try #require(pair.dialerID), listenerID = try #require(pair.listenerID)
        let (opened, output) = pair.dialer.openApplicationStream(on: dialerID, proposing: [Self.protocolID], now: pair.now)
        let stream = try #require(opened)
        pair.absorb(output, fromListener: false)
        pair.run()
        #expect(pair.dialerEvents.contains(.streamOpened(dialerID, stream: stream, protocolID: Self.protocolID, inbound: false)))
        #expect(pair.listenerEvents.contains(.streamOpened(listenerID, stream: stream, protocolID: Self.protocolID, inbound: true)))
        #expect(pair.dialer.writableByteCount(on: stream, of: dialerID) > 0)

        pair.absorb(pair.dialer.write([1, 2, 3], to: stream, on: dialerID, now: pair.now), fromListener: false)
        pair.run()
        #expect(pair.listenerEvents.contains(.streamData(listenerID, stream: stream, bytes: [1, 2, 3])))
        pair.absorb(pair.listener.write([4, 5], to: stream, on: listenerID, now: pair.now), fromListener: true)
        pair.run()
        #expect(pair.dialerEvents.contains(.streamData(dialerID, stream: stream, bytes: [4, 5])))
    }

    @Test("a stream whose protocols the peer does not speak is reported refused")
    func refused() throws {
        var pair = HostPair(configuration: Self.configuration())
        try pair.connect()
        let dialerID = try #require(pair.dialerID)
        let (opened, output) = pair.dialer.openApplicationStream(on: dialerID, proposing: ["/nobody/speaks/this/1"], now: pair.now)
        let stream = try #require(opened)
        pair.absorb(output, fromListener: false)
        pair.run()
        #expect(pair.dialerEvents.contains(.streamRefused(dialerID, stream: stream)))
        #expect(!pair.dialerEvents.contains { if case .streamOpened = $0 { true } else { false } })
        #expect(pair.dialer.writableByteCount(on: stream, of: dialerID) == 0)
    }

    @Test("a request and its answer, each side closing after writing: both hosts forget the stream")
    func closeBothWays() throws {
        var pair = HostPair(configuration: Self.configuration())
        try pair.connect()
        let dialerID = try #require(pair.dialerID), listenerID = try #require(pair.listenerID)
        let (opened, output) = pair.dialer.openApplicationStream(on: dialerID, proposing: [Self.protocolID], now: pair.now)
        let stream = try #require(opened)
        pair.absorb(output, fromListener: false)
        pair.run()
        pair.absorb(pair.dialer.write([7, 7], to: stream, on: dialerID, now: pair.now), fromListener: false)
        pair.absorb(pair.dialer.closeWrite(stream, on: dialerID, now: pair.now), fromListener: false)
        pair.run()
        #expect(pair.listenerEvents.suffix(2) == [.streamData(listenerID, stream: stream, bytes: [7, 7]),
                                                  .streamClosed(listenerID, stream: stream)])
        // The peer closed its side only: the answer can still be written.
        #expect(pair.listener.isApplicationStreamOpen(stream, on: listenerID))
        #expect(pair.listener.writableByteCount(on: stream, of: listenerID) > 0)
        pair.absorb(pair.listener.write([9], to: stream, on: listenerID, now: pair.now), fromListener: true)
        pair.absorb(pair.listener.closeWrite(stream, on: listenerID, now: pair.now), fromListener: true)
        pair.run()
        #expect(pair.dialerEvents.suffix(2) == [.streamData(dialerID, stream: stream, bytes: [9]),
                                                .streamClosed(dialerID, stream: stream)])
        for (host, id) in [(pair.dialer, dialerID), (pair.listener, listenerID)] {
            #expect(!host.isApplicationStreamOpen(stream, on: id))
            #expect(host.connections[id]?.streams[stream] == nil)
            #expect(host.connections[id]?.connection.streams[stream] == nil)
        }
    }

    @Test("a reset ends the stream at the peer and is not written to any more")
    func reset() throws {
        var pair = HostPair(configuration: Self.configuration())
        try pair.connect()
        let dialerID = try #require(pair.dialerID), listenerID = try #require(pair.listenerID)
        let (opened, output) = pair.dialer.openApplicationStream(on: dialerID, proposing: [Self.protocolID], now: pair.now)
        let stream = try #require(opened)
        pair.absorb(output, fromListener: false)
        pair.run()
        let eventCount = pair.dialerEvents.count
        pair.absorb(pair.dialer.reset(stream, on: dialerID, now: pair.now), fromListener: false)
        pair.run()
        #expect(pair.listenerEvents.last == .streamClosed(listenerID, stream: stream))
        #expect(pair.dialerEvents.count == eventCount)
        #expect(!pair.dialer.isApplicationStreamOpen(stream, on: dialerID))
        #expect(!pair.listener.isApplicationStreamOpen(stream, on: listenerID))
        #expect(pair.listener.writableByteCount(on: stream, of: listenerID) == 0)
        #expect(pair.dialer.reset(stream, on: dialerID, now: pair.now) == HostOutput())
        #expect(pair.dialer.closeWrite(stream, on: dialerID, now: pair.now) == HostOutput())
    }

    @Test("a protocol supported after the host was made is agreed and announced on new connections")
    func supportedLater() throws {
        var pair = HostPair()
        pair.listener.supportInboundProtocol(Self.protocolID)
        #expect(pair.listener.identifyMessage(observed: nil).protocols.contains(Self.protocolID))
        try pair.connect()
        let dialerID = try #require(pair.dialerID)
        let (opened, output) = pair.dialer.openApplicationStream(on: dialerID, proposing: [Self.protocolID], now: pair.now)
        let stream = try #require(opened)
        pair.absorb(output, fromListener: false)
        pair.run()
        #expect(pair.dialerEvents.contains(.streamOpened(dialerID, stream: stream, protocolID: Self.protocolID, inbound: false)))
    }
}
