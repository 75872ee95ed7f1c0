import Gossip
import IO
import Identity
import Ledger
import Network
import P2P
import Sequencer
import Wire

/// `/oln/sync/1`, the asking side: one request at a time for up to 64 batches from the
/// next height; each response is decoded and its signatures verified on the worker pool,
/// then applied in order through the machine's `receiveCertificate`, which verifies each
/// certificate against the validator set. A peer whose response does not decode, skips a
/// height or holds a batch the machine refuses is dropped and not asked for a minute.
/// Loop thread.
extension NodeRuntime {
    /// Asks a peer (the hinted one if connected) for the batches after the head, unless a
    /// request is in flight.
    func requestSync(preferring hint: PeerID?, reason: String) {
        sync.wanted = true
        guard !isStopping, !sync.isBusy else { return }
        let current = loop.now
        let candidates = Set(connections.values).filter { !sync.isBanned($0, now: current) }
        guard let peer = hint.flatMap({ candidates.contains($0) ? $0 : nil }) ?? candidates.randomElement(),
              let key = syncStream(to: peer) else { return }
        let request = SyncRequest(id: sync.nextRequestID, fromHeight: machine.height, count: SyncRequest.countMax)
        sync.nextRequestID &+= 1
        sync.active = SyncClient.Request(stream: key, peer: peer, request: request, sentAt: current)
        log.debug("sync_request", ["peer": peer, "from": request.fromHeight, "reason": reason])
        if syncStreams[key]?.isOpen == true { send(VarintFrameDecoder.frame(request.encoded), on: key) }
    }

    /// Our stream to `peer`, opened if there is none.
    private func syncStream(to peer: PeerID) -> SyncStream.Key? {
        if let existing = syncStreams.first(where: { !$0.value.inbound && $0.value.peer == peer })?.key { return existing }
        guard let key = openApplicationStream(to: peer, protocolID: SyncStream.protocolID) else { return nil }
        syncStreams[key] = SyncStream(peer: peer, inbound: false)
        return key
    }

    /// Each slot: a request past its timeout frees the peer's turn; a node that wants
    /// batches asks again; certificates for later heights counted by the machine mean
    /// peers are ahead.
    func syncUpkeep() {
        if let active = sync.active, loop.now - active.sentAt > options.syncTimeout {
            log.warning("sync_timeout", ["peer": active.peer])
            sync.ban(active.peer, now: loop.now)
            syncStreams[active.stream] = nil
            sync.active = nil
        }
        if sync.wanted { requestSync(preferring: nil, reason: "catching up") }
    }

    /// A response on our stream: checked against the request, decoded on the worker pool,
    /// applied on the loop.
    func received(_ response: SyncResponse, on key: SyncStream.Key) {
        guard let active = sync.active, active.stream == key, active.request.id == response.id else {
            return misbehaved(syncStreams[key]?.peer, "an unrequested sync response")
        }
        sync.active = nil
        guard !response.entries.isEmpty else {
            finishSync(with: active.peer, theirHead: response.headHeight)
            return
        }
        sync.isApplying = true
        let chainID = setup.chainID
        let entries = response.entries
        loop.submit({ entries.map { try? $0.decoded(chainID: chainID) } }, completion: { [weak self] decoded in
            self?.apply(decoded, from: active.peer, theirHead: response.headHeight)
        })
    }

    private func apply(_ entries: [(batch: BatchMessage, certificate: FinalityCertificate)?], from peer: PeerID, theirHead: UInt64) {
        defer { sync.isApplying = false }
        guard !isStopping else { return }
        for entry in entries {
            guard let (batch, certificate) = entry else { return misbehaved(peer, "a sync entry that does not verify") }
            if certificate.height < machine.height { continue }
            guard certificate.height == machine.height else { return misbehaved(peer, "a sync response that skips heights") }
            carry(machine.receiveCertificate(batch, certificate: certificate, now: now))
            guard machine.executor.head.height == certificate.height else {
                return misbehaved(peer, "a synced batch the machine refused at height \(certificate.height)")
            }
            sync.appliedCount += 1
        }
        sync.isApplying = false
        log.info("sync_progress", ["peer": peer, "height": machine.executor.head.height, "their_head": theirHead])
        refreshSnapshot()
        if theirHead >= machine.height {
            requestSync(preferring: peer, reason: "more batches")
        } else {
            finishSync(with: peer, theirHead: theirHead)
        }
    }

    private func finishSync(with peer: PeerID, theirHead: UInt64) {
        if theirHead >= machine.height {
            // The peer claims batches it does not send: ask someone else later.
            sync.ban(peer, now: loop.now)
            return
        }
        if sync.wanted && sync.appliedCount > 0 {
            log.info("synced", ["height": machine.executor.head.height, "batches": sync.appliedCount])
        }
        sync.wanted = false
        refreshSnapshot()
        admitHeldTransactions()
    }

    /// Drops a peer that broke the sync protocol: its connections close and it is not
    /// asked again for a while.
    func misbehaved(_ peer: PeerID?, _ reason: String) {
        guard let peer else { return }
        if sync.active?.peer == peer { sync.active = nil }
        log.warning("peer_dropped", ["peer": peer, "reason": reason])
        sync.ban(peer, now: loop.now)
        for (connection, owner) in connections where owner == peer {
            gossip.node.perform { host, now in host.close(connection, now: now) }
        }
    }
}
