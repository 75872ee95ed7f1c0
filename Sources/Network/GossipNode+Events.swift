import Gossip
import IO
import Identity
import P2P
import Wire

/// Host events and router actions.
extension GossipNode {
    func handle(_ event: HostEvent) {
        switch event {
        case .connected(let id, let peer, let inbound):
            connectionPeers[id] = (peer, !inbound)
            openPubSubStream(on: id)
        case .streamOpened(let id, let stream, let protocolID, let inbound):
            streamOpened(StreamKey(connection: id, stream: stream), protocolID, inbound: inbound)
        case .streamData(let id, let stream, let bytes):
            received(bytes, on: StreamKey(connection: id, stream: stream))
        case .streamWritable(let id, let stream):
            streamWritable(StreamKey(connection: id, stream: stream))
        case .streamClosed(let id, let stream), .streamRefused(let id, let stream):
            streamEnded(StreamKey(connection: id, stream: stream))
        case .disconnected(let id, _, _):
            connectionEnded(id)
        case .identified(_, let peer, _):
            passPeerRecord(of: peer)
        default:
            break
        }
        onHostEvent(event)
    }

    private func openPubSubStream(on id: ConnectionID) {
        guard let (peer, dialled) = connectionPeers[id] else { return }
        let protocols = GossipProtocolVersion.preferenceOrder.map(\.protocolID)
        var opened: UInt32?
        node.perform { host, now in
            let result = host.openApplicationStream(on: id, proposing: protocols, now: now)
            opened = result.stream
            return result.output
        }
        if let opened { pendingOutbound[StreamKey(connection: id, stream: opened)] = (peer, dialled) }
    }

    private func streamOpened(_ key: StreamKey, _ protocolID: String, inbound: Bool) {
        guard let version = GossipProtocolVersion(protocolID: protocolID) else { return }
        if inbound {
            inboundDecoders[key] = GossipRPCStreamDecoder(limits: router.configuration.rpcLimits)
            return
        }
        guard let (peer, dialled) = pendingOutbound.removeValue(forKey: key) else { return }
        outboundStreams[peer] = key
        apply(router.addPeer(peer, version: version, outbound: dialled, now: node.loop.now))
        passPeerRecord(of: peer)
        for rpc in heldRPCs.removeValue(forKey: peer) ?? [] {
            apply(router.receive(rpc, from: peer, now: node.loop.now))
        }
        meter(peer)
    }

    /// Hands the router the signed peer record the host holds for `peer` (from identify),
    /// so that our PRUNEs can offer it; the router keeps it only while the peer is connected.
    private func passPeerRecord(of peer: PeerID) {
        guard let record = node.host.peerStore[peer]?.signedPeerRecord else { return }
        router.setSignedPeerRecord(record, of: peer)
    }

    /// The stream to a peer has room again: first the RPC that did not fit, then as much
    /// of the router's queue for the peer as the room allows.
    private func streamWritable(_ key: StreamKey) {
        guard let peer = outboundStreams.first(where: { $0.value == key })?.key else { return }
        if let pending = overrunRPCs[peer] {
            guard node.host.writableByteCount(on: key.stream, of: key.connection) >= pending.count else { return }
            overrunRPCs[peer] = nil
            node.perform { host, now in host.write(pending, to: key.stream, on: key.connection, now: now) }
        }
        meter(peer)
    }

    /// Tells the router how many bytes the peer's stream takes now, so that its queue for
    /// the peer (control and own messages before forwards, stale forwards dropped) drains
    /// at the pace the peer reads.
    private func meter(_ peer: PeerID) {
        guard let key = outboundStreams[peer], overrunRPCs[peer] == nil else { return }
        let room = node.host.writableByteCount(on: key.stream, of: key.connection)
        apply(router.peerWritable(peer, byteCount: max(0, room), now: node.loop.now))
    }

    private func received(_ bytes: [UInt8], on key: StreamKey) {
        guard var decoder = inboundDecoders[key], let peer = connectionPeers[key.connection]?.peer else { return }
        let rpcs: [GossipRPC]
        do {
            rpcs = try decoder.append(bytes)
        } catch {
            // A peer that sends undecodable RPCs is misbehaving: its connection goes.
            inboundDecoders[key] = nil
            node.perform { host, now in host.close(key.connection, now: now) }
            return
        }
        inboundDecoders[key] = decoder
        for rpc in rpcs {
            if outboundStreams[peer] == nil {
                hold(rpc, from: peer)
            } else {
                apply(router.receive(rpc, from: peer, now: node.loop.now))
            }
        }
    }

    /// Keeps an RPC that arrived before our stream to its peer was negotiated (a peer's
    /// hello with its subscriptions often does, when it opened its stream first).
    private func hold(_ rpc: GossipRPC, from peer: PeerID) {
        guard heldRPCs[peer, default: []].count < Self.heldRPCCountMaxPerPeer else {
            droppedReceiveCount += 1
            return
        }
        heldRPCs[peer, default: []].append(rpc)
    }

    private func streamEnded(_ key: StreamKey) {
        inboundDecoders[key] = nil
        pendingOutbound[key] = nil
        if let peer = connectionPeers[key.connection]?.peer, outboundStreams[peer] == key {
            outboundStreams[peer] = nil
            overrunRPCs[peer] = nil
            router.removePeer(peer, now: node.loop.now)
        }
    }

    private func connectionEnded(_ id: ConnectionID) {
        guard let (peer, _) = connectionPeers.removeValue(forKey: id) else { return }
        if !connectionPeers.values.contains(where: { $0.peer == peer }) {
            heldRPCs[peer] = nil
        }
        inboundDecoders = inboundDecoders.filter { $0.key.connection != id }
        pendingOutbound = pendingOutbound.filter { $0.key.connection != id }
        if outboundStreams[peer]?.connection == id {
            outboundStreams[peer] = nil
            overrunRPCs[peer] = nil
            router.removePeer(peer, now: node.loop.now)
        }
    }

    func apply(_ actions: [GossipRouterAction]) {
        carryOut(actions)
        refreshMeters()
    }

    /// Gives the router the real room of every peer it still holds RPCs for. The router's
    /// estimate of a peer's room only goes down as it sends, while the stream's room comes
    /// back as the peer reads; the host reports `streamWritable` only when a stream's
    /// window reopens from zero, which a fast reader never lets happen. Bounded, and not
    /// re-entered from the `apply` calls it makes.
    private func refreshMeters() {
        guard !isRefreshingMeters else { return }
        isRefreshingMeters = true
        defer { isRefreshingMeters = false }
        for _ in 0..<Self.meterRefreshRoundsMax {
            let waiting = router.peersWithQueuedRPCs.filter { outboundStreams[$0] != nil && overrunRPCs[$0] == nil }
            guard !waiting.isEmpty else { return }
            var sentAny = false
            for peer in waiting.sorted(by: { $0.description < $1.description }) {
                guard let key = outboundStreams[peer] else { continue }
                let room = node.host.writableByteCount(on: key.stream, of: key.connection)
                guard room > 0 else { continue }
                carryOut(router.peerWritable(peer, byteCount: room, now: node.loop.now))
                sentAny = true
            }
            if !sentAny { return }
        }
    }

    private func carryOut(_ actions: [GossipRouterAction]) {
        for action in actions {
            switch action {
            case .send(let peer, let rpc):
                send(rpc, to: peer)
            case .deliver(let message, let id):
                onMessage(message, id)
            case .disconnect(let peer, _):
                if let key = outboundStreams[peer] {
                    node.perform { host, now in host.close(key.connection, now: now) }
                }
            case .connect(let peer, .peerExchange(_, let record)):
                connect(peer, record: record)
            case .connect(let peer, .directPeer):
                connect(peer)
            case .validate(let message, let id, _):
                if slicedValidators[message.topic] != nil {
                    queueForSlicedValidation(message, id: id)
                } else {
                    validateOnWorker(message, id: id)
                }
            }
        }
    }

    private func send(_ rpc: GossipRPC, to peer: PeerID) {
        guard let key = outboundStreams[peer] else {
            droppedSendCount += 1
            return
        }
        let bytes = rpc.framedBytes
        guard node.host.writableByteCount(on: key.stream, of: key.connection) >= bytes.count else {
            // The router lets the last RPC of a metered peer overrun its room: it waits for
            // the next `streamWritable`. Anything beyond that one is dropped and counted.
            if overrunRPCs[peer] == nil {
                overrunRPCs[peer] = bytes
            } else {
                droppedSendCount += 1
            }
            return
        }
        node.perform { host, now in host.write(bytes, to: key.stream, on: key.connection, now: now) }
    }
}
