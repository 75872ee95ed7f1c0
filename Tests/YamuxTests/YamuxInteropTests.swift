import Testing
import TestSupport
import Yamux

/// Frames captured from py-libp2p 0.8.1 (Fixtures/py_libp2p_yamux_frames.py): its client
/// opens stream 1, writes "hello", half-closes; its server acknowledges, reads (and grows
/// the window by 256 KiB + 5), writes "world", half-closes; each side pings the other;
/// the server goes away. Our sessions must read their frames and write the same bytes for
/// the same operations.
@Suite("YamuxSession against py-libp2p frames")
struct YamuxInteropTests {
    enum Client {
        static let syn = hex("000100010000000100000000")
        static let hello = hex("00000000000000010000000568656c6c6f")
        static let fin = hex("000100040000000100000000")
        static let windowUpdate = hex("000100000000000100040005")
        static let ping = hex("000200010000000000000001")
        static let pong = hex("000200020000000000000001")
    }

    enum Server {
        static let ack = hex("000100020000000100000000")
        static let windowUpdate = hex("000100000000000100040005")
        static let world = hex("000000000000000100000005776f726c64")
        static let fin = hex("000100040000000100000000")
        static let ping = hex("000200010000000000000001")
        static let pong = hex("000200020000000000000001")
        static let goAway = hex("000300000000000000000000")
    }

    @Test("our server answers py-libp2p's client frame for frame")
    func serverSide() {
        var server = YamuxSession(role: .server)
        #expect(server.receive(Client.syn, now: .zero) == [.inboundStream(1)])
        server.accept(1)
        #expect(server.takeOutbound() == Server.ack)
        #expect(server.receive(Client.hello + Client.fin, now: .zero)
            == [.data(stream: 1, bytes: Array("hello".utf8)), .remoteClosedWrite(1)])
        server.consume(5, on: 1)
        #expect(throws: Never.self) { try server.write(Array("world".utf8), to: 1) }
        #expect(server.takeOutbound() == Server.world)
        server.closeWrite(1)
        #expect(server.takeOutbound() == Server.fin)
        #expect(server.takeEvents() == [.streamClosed(1)])
        #expect(server.receive(Client.windowUpdate, now: .zero).isEmpty, "a late window update for a closed stream")
        let sent = server.ping(now: .milliseconds(500))
        #expect(sent)
        #expect(server.takeOutbound() == Server.ping)
        #expect(server.receive(Client.ping, now: .milliseconds(501)).isEmpty)
        #expect(server.takeOutbound() == Server.pong)
        #expect(server.receive(Client.pong, now: .milliseconds(503)) == [.pong(roundTrip: .milliseconds(3))])
        server.goAway(code: .normal)
        #expect(server.takeOutbound() == Server.goAway)
        #expect(server.failure == nil)
    }

    @Test("our client answers py-libp2p's server frame for frame")
    func clientSide() throws {
        var client = YamuxSession(role: .client)
        let stream = try client.openStream()
        #expect(client.takeOutbound() == Client.syn)
        try client.write(Array("hello".utf8), to: stream)
        #expect(client.takeOutbound() == Client.hello)
        client.closeWrite(stream)
        #expect(client.takeOutbound() == Client.fin)
        #expect(client.receive(Server.ack + Server.windowUpdate, now: .zero).isEmpty)
        #expect(client.sendWindow(of: stream) == 262_144 - 5 + 262_149)
        #expect(client.receive(Server.world + Server.fin, now: .zero)
            == [.data(stream: 1, bytes: Array("world".utf8)), .remoteClosedWrite(1), .streamClosed(1)])
        client.consume(5, on: stream)
        #expect(client.receive(Server.ping, now: .seconds(1)).isEmpty)
        #expect(client.takeOutbound() == Client.pong)
        let sent = client.ping(now: .seconds(1))
        #expect(sent)
        #expect(client.takeOutbound() == Client.ping)
        #expect(client.receive(Server.pong + Server.goAway, now: .seconds(2))
            == [.pong(roundTrip: .seconds(1)), .remoteGoAway(code: .normal)])
        #expect(client.failure == nil && client.openStreamCount == 0)
    }
}
