import Multistream
import Noise
import Yamux

/// The set-up steps: security negotiation, the Noise handshake, muxer negotiation.
extension Connection {
    mutating func negotiateSecurity(
        _ negotiation: inout MultistreamNegotiation, _ handshake: NoiseHandshake, _ bytes: [UInt8],
        now: Duration, into output: inout ConnectionOutput
    ) {
        let step: MultistreamStep
        do {
            step = try negotiation.receive(bytes)
        } catch {
            return close(.negotiationFailed(error), into: &output)
        }
        output.send += step.send
        switch step.outcome {
        case .pending:
            setStage(.negotiatingSecurity(negotiation, handshake))
        case .unsupported:
            close(.securityNotSupported, into: &output)
        case .negotiated(_, let leftover):
            var handshake = handshake
            output.send += handshake.start()
            if leftover.isEmpty {
                setStage(.handshaking(handshake))
            } else {
                advanceHandshake(&handshake, leftover, now: now, into: &output)
            }
        }
    }

    mutating func advanceHandshake(
        _ handshake: inout NoiseHandshake, _ bytes: [UInt8], now: Duration, into output: inout ConnectionOutput
    ) {
        let step: NoiseHandshakeStep
        do {
            step = try handshake.receive(bytes)
        } catch {
            return close(.secureChannelFailed(error), into: &output)
        }
        output.send += step.output
        guard let result = step.result else {
            return setStage(.handshaking(handshake))
        }
        remotePeerID = result.remotePeerID
        remotePublicKey = result.remoteIdentityKey
        var session = result.session
        var negotiation: MultistreamNegotiation = role == .dialer
            ? .dialer(proposing: [ProtocolID.yamux]) : .listener(supporting: [ProtocolID.yamux])
        seal(negotiation.start(), with: &session, into: &output)
        setStage(.negotiatingMuxer(session, negotiation))
        if !result.leftover.isEmpty {
            negotiateMuxer(&session, &negotiation, result.leftover, now: now, into: &output)
        }
    }

    mutating func negotiateMuxer(
        _ session: inout NoiseSession, _ negotiation: inout MultistreamNegotiation, _ bytes: [UInt8],
        now: Duration, into output: inout ConnectionOutput
    ) {
        guard let plaintext = open(bytes, with: &session, into: &output) else { return }
        let step: MultistreamStep
        do {
            step = try negotiation.receive(plaintext)
        } catch {
            return close(.negotiationFailed(error), into: &output)
        }
        seal(step.send, with: &session, into: &output)
        switch step.outcome {
        case .pending:
            setStage(.negotiatingMuxer(session, negotiation))
        case .unsupported:
            close(.muxerNotSupported, into: &output)
        case .negotiated(_, let leftover):
            var muxer = YamuxSession(role: role == .dialer ? .client : .server, configuration: configuration.yamux)
            if let remotePeerID, let remotePublicKey {
                output.events.append(.established(remotePeerID: remotePeerID, remotePublicKey: remotePublicKey))
            }
            handleMuxerInput(&session, &muxer, leftover, now: now, into: &output)
        }
    }

    /// Decrypts socket bytes, closing the connection when the channel fails.
    mutating func open(_ bytes: [UInt8], with session: inout NoiseSession, into output: inout ConnectionOutput) -> [UInt8]? {
        do {
            return try session.open(bytes)
        } catch {
            close(.secureChannelFailed(error), into: &output)
            return nil
        }
    }

    /// Encrypts plaintext for the socket, closing the connection when the channel fails.
    mutating func seal(_ plaintext: [UInt8], with session: inout NoiseSession, into output: inout ConnectionOutput) {
        guard !plaintext.isEmpty else { return }
        do {
            output.send += try session.seal(plaintext)
        } catch {
            close(.secureChannelFailed(error), into: &output)
        }
    }
}
