import Identity
import Multistream
import Noise
import Sodium
import Wire
import Yamux

/// One libp2p connection, sans-IO: feed it the socket's bytes and `now`, send what it
/// returns, and act on its events. See the module overview for the upgrade steps.
public struct Connection: Sendable {
    public enum Role: Sendable {
        case dialer
        case listener
    }

    enum Stage: Sendable {
        case negotiatingSecurity(MultistreamNegotiation, NoiseHandshake)
        case handshaking(NoiseHandshake)
        case negotiatingMuxer(NoiseSession, MultistreamNegotiation)
        case muxed(NoiseSession, YamuxSession)
        /// Held only while a step works on the session and muxer taken out of `stage`, so
        /// that they are uniquely referenced and mutate in place instead of being copied.
        case busy
        case closed
    }

    public let role: Role
    public let configuration: ConnectionConfiguration
    private let startedAt: Duration
    var stage: Stage
    var streams: [UInt32: StreamState] = [:]
    /// The remote peer, once the secure channel has proved it.
    public internal(set) var remotePeerID: PeerID?
    /// The remote's identity key, proved in the handshake.
    public internal(set) var remotePublicKey: LibP2PPublicKey?

    /// A connection in its first step. `expectedRemotePeerID` is the `/p2p/` part of a
    /// dialled address; a different peer answering closes the connection.
    public init(
        role: Role, secrets: ConnectionSecrets, expectedRemotePeerID: PeerID? = nil,
        configuration: ConnectionConfiguration = .standard, now: Duration
    ) {
        self.role = role
        self.configuration = configuration
        startedAt = now
        let handshake = NoiseHandshake(
            role: role == .dialer ? .initiator : .responder, identityKey: secrets.identity.privateKey,
            staticKey: secrets.staticKey, ephemeralKey: secrets.ephemeralKey,
            expectedRemotePeerID: expectedRemotePeerID)
        let negotiation: MultistreamNegotiation = role == .dialer
            ? .dialer(proposing: [ProtocolID.noise]) : .listener(supporting: [ProtocolID.noise])
        stage = .negotiatingSecurity(negotiation, handshake)
    }

    /// Whether the connection has ended.
    public var isClosed: Bool {
        if case .closed = stage { return true }
        return false
    }

    /// Whether streams can be opened.
    public var isEstablished: Bool {
        if case .muxed = stage { return true }
        return false
    }

    /// The first bytes to send.
    public mutating func start() -> ConnectionOutput {
        guard case .negotiatingSecurity(var negotiation, let handshake) = stage else { return ConnectionOutput() }
        let bytes = negotiation.start()
        stage = .negotiatingSecurity(negotiation, handshake)
        return ConnectionOutput(send: bytes)
    }

    /// Feeds bytes read from the socket.
    public mutating func receive(_ bytes: [UInt8], now: Duration) -> ConnectionOutput {
        var output = ConnectionOutput()
        receive(bytes, now: now, into: &output)
        return output
    }

    /// Checks the set-up deadline; call it from a timer.
    public mutating func tick(now: Duration) -> ConnectionOutput {
        var output = ConnectionOutput()
        switch stage {
        case .negotiatingSecurity, .handshaking, .negotiatingMuxer:
            if now - startedAt >= configuration.handshakeTimeout {
                close(.handshakeTimedOut(configuration.handshakeTimeout), into: &output)
            }
        case .muxed, .busy, .closed:
            break
        }
        return output
    }

    /// Ends the connection: a go-away to the peer when muxed.
    public mutating func close() -> ConnectionOutput {
        var output = ConnectionOutput()
        if case .muxed(var session, var muxer) = stage {
            stage = .busy
            muxer.goAway(code: .normal)
            flush(&session, &muxer, into: &output)
        }
        close(.closedLocally, into: &output)
        return output
    }

    /// The socket reached end of file.
    public mutating func remoteClosed() -> ConnectionOutput {
        var output = ConnectionOutput()
        close(.closedByRemote, into: &output)
        return output
    }

    private mutating func receive(_ bytes: [UInt8], now: Duration, into output: inout ConnectionOutput) {
        switch stage {
        case .negotiatingSecurity(var negotiation, let handshake):
            negotiateSecurity(&negotiation, handshake, bytes, now: now, into: &output)
        case .handshaking(var handshake):
            advanceHandshake(&handshake, bytes, now: now, into: &output)
        case .negotiatingMuxer(var session, var negotiation):
            stage = .busy
            negotiateMuxer(&session, &negotiation, bytes, now: now, into: &output)
        case .muxed(var session, var muxer):
            stage = .busy
            receiveMuxed(&session, &muxer, bytes, now: now, into: &output)
        case .busy:
            preconditionFailure("a connection step started inside another")
        case .closed:
            break
        }
    }

    /// Moves to the next stage unless a step on the way closed the connection.
    mutating func setStage(_ next: Stage) {
        guard !isClosed else { return }
        stage = next
    }

    mutating func close(_ reason: ConnectionCloseReason, into output: inout ConnectionOutput) {
        guard !isClosed else { return }
        stage = .closed
        streams.removeAll()
        output.events.append(.closed(reason))
    }
}
