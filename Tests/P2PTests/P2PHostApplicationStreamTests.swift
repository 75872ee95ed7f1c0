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
}
