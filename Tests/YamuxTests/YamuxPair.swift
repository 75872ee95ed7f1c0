import Yamux

/// A client and a server session stepped against each other in one process, with the
/// events each side has reported so far.
struct YamuxPair {
    var client: YamuxSession
    var server: YamuxSession
    var clientEvents: [YamuxEvent] = []
    var serverEvents: [YamuxEvent] = []
    var now = Duration.zero

    init(client: YamuxConfiguration = .standard, server: YamuxConfiguration = .standard) {
        self.client = YamuxSession(role: .client, configuration: client)
        self.server = YamuxSession(role: .server, configuration: server)
    }

    /// Moves bytes both ways until neither side has anything to send.
    mutating func flush() {
        while true {
            let toServer = client.takeOutbound()
            let toClient = server.takeOutbound()
            clientEvents += client.takeEvents()
            serverEvents += server.takeEvents()
            if toServer.isEmpty && toClient.isEmpty { return }
            serverEvents += server.receive(toServer, now: now)
            clientEvents += client.receive(toClient, now: now)
        }
    }

    /// Opens a stream from the client, accepts it on the server, and settles.
    mutating func openClientStream() throws -> UInt32 {
        let stream = try client.openStream()
        flush()
        server.accept(stream)
        flush()
        return stream
    }
}

/// The data delivered on `stream`, concatenated.
func deliveredBytes(_ events: [YamuxEvent], on stream: UInt32) -> [UInt8] {
    events.flatMap { event -> [UInt8] in
        if case .data(stream, let bytes) = event { return bytes }
        return []
    }
}

/// The events other than data.
func controlEvents(_ events: [YamuxEvent]) -> [YamuxEvent] {
    events.filter { event in
        if case .data = event { return false }
        return true
    }
}

/// A raw frame: header and payload.
func frame(_ type: YamuxFrameType, _ flags: YamuxFlags = [], stream: UInt32, length: UInt32? = nil,
           payload: [UInt8] = []) -> [UInt8] {
    let header = YamuxFrameHeader(type: type, flags: flags, streamID: stream, length: length ?? UInt32(payload.count))
    return header.encoded + payload
}

/// Splits a byte stream into frame headers (skipping data payloads).
func frameHeaders(_ bytes: [UInt8]) throws -> [YamuxFrameHeader] {
    var headers: [YamuxFrameHeader] = []
    var index = 0
    while index < bytes.count {
        let header = try YamuxFrameHeader.decode(bytes[index..<index + YamuxFrameHeader.byteCount])
        headers.append(header)
        index += YamuxFrameHeader.byteCount + (header.type == .data ? Int(header.length) : 0)
    }
    return headers
}
