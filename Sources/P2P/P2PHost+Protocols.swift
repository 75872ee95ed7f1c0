import Identity
import Wire

/// The protocols the host speaks itself: identify and ping. Others become stream events.
extension P2PHost {
    /// The identify message this host sends to a peer reached at `observed`, with our
    /// signed peer record while it lists the current listen addresses.
    public func identifyMessage(observed: Multiaddr?) -> IdentifyMessage {
        IdentifyMessage(
            publicKey: identity.libp2pPublicKey, listenAddresses: listenAddresses,
            protocols: configuration.connection.inboundProtocols.sorted(), observedAddress: observed,
            protocolVersion: configuration.protocolVersion, agentVersion: configuration.agentVersion,
            signedPeerRecord: currentPeerRecordBytes)
    }

    /// Sends a ping with the caller's 32 random bytes; `.pingRoundTrip` follows.
    public mutating func ping(_ id: ConnectionID, payload: [UInt8], now: Duration) -> HostOutput {
        guard var managed = connections[id], managed.isEstablished else {
            var output = HostOutput()
            output.events.append(.pingFailed(id, "the connection is not established"))
            return output
        }
        if let stream = managed.pingStream, case .pingOutbound(var exchange)? = managed.streams[stream] {
            let bytes = exchange.ping(payload: payload, now: now)
            managed.streams[stream] = .pingOutbound(exchange)
            connections[id] = managed
            return update(id, now: now) { connection in (try? connection.write(bytes, to: stream)) ?? ConnectionOutput() }
        }
        managed.pendingPingPayloads.append(payload)
        connections[id] = managed
        guard managed.pingStream == nil else { return HostOutput() }
        let (stream, output) = openStream(on: id, proposing: [ProtocolID.ping], now: now)
        connections[id]?.pingStream = stream
        return output
    }

    /// Tells every connected peer our current identify details (after the listen addresses
    /// changed) over `/ipfs/id/push/1.0.0`.
    public mutating func pushIdentify(now: Duration) -> HostOutput {
        var output = HostOutput()
        for id in connectionIDs where connections[id]?.isEstablished == true {
            output.merge(openStream(on: id, proposing: [ProtocolID.identifyPush], now: now).output)
        }
        return output
    }

    /// Writes on a stream of an application protocol.
    public mutating func write(_ bytes: [UInt8], to stream: UInt32, on id: ConnectionID, now: Duration) -> HostOutput {
        update(id, now: now) { connection in (try? connection.write(bytes, to: stream)) ?? ConnectionOutput() }
    }

    /// Opens a stream proposing `protocols`; identify and ping are handled here, anything
    /// else surfaces as `.streamOpened` once agreed.
    @discardableResult
    mutating func openStream(on id: ConnectionID, proposing protocols: [String], now: Duration) -> (stream: UInt32?, output: HostOutput) {
        var stream: UInt32?
        let output = update(id, now: now) { connection in
            guard let opened = try? connection.openStream(proposing: protocols) else { return ConnectionOutput() }
            stream = opened.stream
            return opened.output
        }
        return (stream, output)
    }

    mutating func streamNegotiated(
        _ id: ConnectionID, _ stream: UInt32, _ protocolID: String, inbound: Bool, now: Duration, into output: inout HostOutput
    ) {
        guard var managed = connections[id] else { return }
        managed.pendingApplicationStreams.remove(stream)
        switch (protocolID, inbound) {
        case (ProtocolID.identify, true), (ProtocolID.identifyPush, false):
            managed.streams[stream] = .identifySending
            connections[id] = managed
            let observed = managed.remoteAddress.withoutPeerID
            let message = VarintFrameDecoder.frame(identifyMessage(observed: observed).bytes)
            output.merge(update(id, now: now) { connection in
                var step = (try? connection.write(message, to: stream)) ?? ConnectionOutput()
                if let closing = try? connection.closeWrite(stream) { step.send += closing.send }
                return step
            })
        case (ProtocolID.identify, false), (ProtocolID.identifyPush, true):
            managed.streams[stream] = .identifyReceiving(VarintFrameDecoder(frameByteCountMax: IdentifyMessage.byteCountMax))
            connections[id] = managed
        case (ProtocolID.ping, true):
            managed.streams[stream] = .pingInbound(PingExchange(role: .responder))
            connections[id] = managed
        case (ProtocolID.ping, false):
            startPinging(id, &managed, stream, now: now, into: &output)
        default:
            managed.streams[stream] = .application(protocolID)
            connections[id] = managed
            output.events.append(.streamOpened(id, stream: stream, protocolID: protocolID, inbound: inbound))
        }
    }

    private mutating func startPinging(
        _ id: ConnectionID, _ managed: inout ManagedConnection, _ stream: UInt32, now: Duration, into output: inout HostOutput
    ) {
        var exchange = PingExchange(role: .initiator)
        let bytes = managed.pendingPingPayloads.flatMap { exchange.ping(payload: $0, now: now) }
        managed.pendingPingPayloads = []
        managed.pingStream = stream
        managed.streams[stream] = .pingOutbound(exchange)
        connections[id] = managed
        output.merge(update(id, now: now) { connection in (try? connection.write(bytes, to: stream)) ?? ConnectionOutput() })
    }

    /// Accepts `protocolID` on the streams peers open on connections made from now on (those
    /// made before keep the protocols they started with), and announces it in identify.
    public mutating func supportInboundProtocol(_ protocolID: String) {
        configuration.connection.inboundProtocols.insert(protocolID)
    }

    /// Opens a stream for an application protocol; `.streamOpened` follows when agreed,
    /// `.streamRefused` when not.
    @discardableResult
    public mutating func openApplicationStream(on id: ConnectionID, proposing protocols: [String], now: Duration) -> (stream: UInt32?, output: HostOutput) {
        let (stream, output) = openStream(on: id, proposing: protocols, now: now)
        if let stream { connections[id]?.pendingApplicationStreams.insert(stream) }
        return (stream, output)
    }
}
