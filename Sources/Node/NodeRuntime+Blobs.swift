import Identity
import Ledger
import P2P
import Sequencer
import Wire

/// `/oln/blob/1`: serving held blobs by range, and fetching wanted ones from peers one
/// download at a time, appended to a partial file (so a fetch resumes after a restart or a
/// peer change) and checked against the hash before it enters the store. A peer that holds
/// a blob is asked for 256 KiB at a time; one that answers out of line is dropped; one that
/// does not hold it is not asked again for 30 s. Loop thread.
extension NodeRuntime {
    /// Asks peers for a blob unless the store holds it (from any thread). Returns false when
    /// the queue of wanted blobs is full.
    @discardableResult
    public func fetchBlob(_ hash: [UInt8], byteCountMax: UInt64) -> Bool {
        precondition(hash.count == 32, "a blob is named by a 32-byte hash")
        guard !blobs.contains(hash) else { return true }
        return loop.execute { [self] in
            guard !isStopping, !blobs.contains(hash), blobFetcher.want(hash, byteCountMax: byteCountMax) else { return }
            fetchNextBlob()
        }
    }

    /// After a batch: curators, hosts and auditors want the payloads of its contributions,
    /// the adapters (and gradient stores) of its training results and the revealed prompts
    /// and outputs of its receipts, for those the ledger took (a failed transaction names a
    /// blob nobody may hold). Reveals spread this way, so an auditor not connected to the
    /// receipt's host still finds them at a peer.
    func wantBlobs(of batch: BatchMessage) {
        guard configuration.roles.contains(where: \.fetchesBlobs) || configuration.audit != nil else { return }
        let ledger = machine.executor.ledger
        for transaction in batch.transactions {
            let created = LedgerIdentifier.derive(sender: transaction.signerAddress, nonce: transaction.body.nonce)
            switch transaction.body.kind {
            case .contribute(let contribution):
                guard (try? ledger.contribution(created)) != nil else { continue }
                let limit = (try? ledger.datanet(contribution.datanetID))?.rules.payloadByteCountMax ?? contribution.byteCount
                if !blobs.contains(contribution.contentHash) {
                    _ = blobFetcher.want(contribution.contentHash, byteCountMax: min(limit, contribution.byteCount))
                }
            case .trainingResult(let result):
                guard (try? ledger.adapter(result.adapterHash))?.trainer == transaction.signerAddress else { continue }
                if !blobs.contains(result.adapterHash) {
                    _ = blobFetcher.want(result.adapterHash, byteCountMax: result.adapterByteCount)
                }
                if let store = result.gradientStoreBlob, !blobs.contains(store) {
                    _ = blobFetcher.want(store, byteCountMax: UInt64(BlobStore.byteCountMax))
                }
            case .inferenceReceipt(let receipt):
                guard (try? ledger.receipt(created)) != nil else { continue }
                for hash in [receipt.promptHash, receipt.outputHash] where hash.count == 32 && !blobs.contains(hash) {
                    _ = blobFetcher.want(hash, byteCountMax: UInt64(InferenceReceipt.revealByteCountMax))
                }
            default: continue
            }
        }
        fetchNextBlob()
    }

    /// Starts the next wanted download with a peer that may hold it.
    func fetchNextBlob() {
        guard !isStopping, blobFetcher.active == nil else { return }
        let current = loop.now
        blobFetcher.wanted.removeAll { blobs.contains($0.hash) }
        for (index, wanted) in blobFetcher.wanted.enumerated() {
            let peers = Set(connections.values).filter { blobFetcher.mayAsk($0, for: wanted.hash, now: current) }
            guard let peer = peers.randomElement(), let key = blobStream(to: peer) else { continue }
            blobFetcher.wanted.remove(at: index)
            let download = BlobDownload(hash: wanted.hash, byteCountMax: wanted.byteCountMax,
                                        receivedCount: blobs.partialSize(of: wanted.hash))
            blobFetcher.active = BlobFetcher.Active(download: download, peer: peer, stream: key, request: nil,
                                                    sentAt: current)
            sendBlobRequest()
            return
        }
    }

    /// Each slot: a request past its timeout gives the blob back to the queue.
    func blobUpkeep() {
        if let active = blobFetcher.active, loop.now - active.sentAt > options.syncTimeout {
            log.warning("blob_timeout", ["peer": active.peer, "hash": Base16.encode(active.download.hash)])
            requeueActive(markingTried: true)
        }
        fetchNextBlob()
    }

    private func sendBlobRequest() {
        guard var active = blobFetcher.active else { return }
        if active.download.isComplete { return finishDownload() }
        guard let request = active.download.nextRequest(id: blobFetcher.nextID()) else { return }
        active.request = request
        active.sentAt = loop.now
        blobFetcher.active = active
        if blobStreams[active.stream]?.isOpen == true {
            sendBlob(VarintFrameDecoder.frame(request.encoded), on: active.stream)
        }
    }

    private func finishDownload() {
        guard let active = blobFetcher.active else { return }
        blobFetcher.active = nil
        let hash = active.download.hash
        do {
            if try blobs.completePartial(hash) {
                blobFetcher.fetchedCount += 1
                blobFetcher.tried[hash] = nil
                log.info("blob_fetched", ["hash": Base16.encode(hash), "bytes": active.download.receivedCount,
                                          "peer": active.peer])
            } else {
                misbehaved(active.peer, "a blob whose bytes do not match its hash")
                _ = blobFetcher.want(hash, byteCountMax: active.download.byteCountMax)
            }
        } catch {
            log.error("blob_store_failed", ["hash": Base16.encode(hash), "reason": error])
        }
        fetchNextBlob()
    }

    /// Puts the active download back in the queue (its partial file stays).
    private func requeueActive(markingTried: Bool) {
        guard let active = blobFetcher.active else { return }
        blobFetcher.active = nil
        if markingTried { blobFetcher.markTried(active.peer, for: active.download.hash, now: loop.now) }
        _ = blobFetcher.want(active.download.hash, byteCountMax: active.download.byteCountMax)
    }

    private func received(_ response: BlobResponse, on key: SyncStream.Key) {
        guard var active = blobFetcher.active, active.stream == key, let request = active.request else {
            return misbehaved(blobStreams[key]?.peer, "an unrequested blob response")
        }
        do {
            let bytes = try active.download.accept(response, for: request)
            try blobs.appendPartial(bytes, to: active.download.hash)
            active.request = nil
            blobFetcher.active = active
            sendBlobRequest()
        } catch let refusal as BlobDownload.Refusal {
            switch refusal {
            case .notHeld:
                requeueActive(markingTried: true)
            case .tooLarge:
                log.warning("blob_refused", ["hash": Base16.encode(active.download.hash), "reason": refusal])
                blobFetcher.active = nil
                blobs.discardPartial(active.download.hash)
            case .inconsistent(let detail):
                requeueActive(markingTried: true)
                misbehaved(active.peer, "blob: \(detail)")
            }
            fetchNextBlob()
        } catch {
            log.error("blob_store_failed", ["hash": Base16.encode(active.download.hash), "reason": error])
            requeueActive(markingTried: false)
        }
    }

    // MARK: - Streams

    private func blobStream(to peer: PeerID) -> SyncStream.Key? {
        if let existing = blobStreams.first(where: { !$0.value.inbound && $0.value.peer == peer })?.key { return existing }
        guard let key = openApplicationStream(to: peer, protocolID: BlobStream.protocolID) else { return nil }
        blobStreams[key] = BlobStream(peer: peer, inbound: false)
        return key
    }

    func blobStreamOpened(_ key: SyncStream.Key, inbound: Bool) {
        if inbound {
            guard let peer = connections[key.connection] else { return }
            blobStreams[key] = BlobStream(peer: peer, inbound: true)
            return
        }
        guard blobStreams[key] != nil else { return }
        blobStreams[key]?.isOpen = true
        if let active = blobFetcher.active, active.stream == key, let request = active.request {
            sendBlob(VarintFrameDecoder.frame(request.encoded), on: key)
        }
    }

    func blobStreamData(_ bytes: [UInt8], on key: SyncStream.Key) {
        guard var stream = blobStreams[key] else { return }
        let frames: [[UInt8]]
        do {
            frames = try stream.decoder.append(bytes)
        } catch {
            return misbehaved(stream.peer, "a blob frame over the limit")
        }
        blobStreams[key] = stream
        for frame in frames {
            if stream.inbound {
                guard let request = try? BlobRequest.decode(frame) else { return misbehaved(stream.peer, "a malformed blob request") }
                guard blobStreams[key]?.queuedRequests.count ?? 0 < BlobStream.queuedRequestCountMax else {
                    return misbehaved(stream.peer, "too many blob requests at once")
                }
                blobStreams[key]?.queuedRequests.append(request)
            } else {
                guard let response = try? BlobResponse.decode(frame) else { return misbehaved(stream.peer, "a malformed blob response") }
                received(response, on: key)
            }
        }
        if stream.inbound { serveBlob(key) }
    }

    func blobStreamClosed(_ key: SyncStream.Key) {
        blobStreams[key] = nil
        if blobFetcher.active?.stream == key { requeueActive(markingTried: false) }
    }

    func blobConnectionClosed(_ connection: ConnectionID) {
        for key in blobStreams.keys where key.connection == connection { blobStreamClosed(key) }
    }

    /// Answers the next queued request once the previous answer has left.
    private func serveBlob(_ key: SyncStream.Key) {
        guard let stream = blobStreams[key], stream.pendingWrite.isEmpty, let request = stream.queuedRequests.first else { return }
        blobStreams[key]?.queuedRequests.removeFirst()
        let response: BlobResponse
        if let (total, bytes) = blobs.range(of: request.hash, offset: request.offset, length: Int(request.length)) {
            response = request.offset < total
                ? BlobResponse(id: request.id, status: .found, totalSize: total, offset: request.offset, data: bytes)
                : BlobResponse(id: request.id, status: .offsetPastEnd)
        } else {
            response = BlobResponse(id: request.id, status: blobs.contains(request.hash) ? .offsetPastEnd : .notHeld)
        }
        sendBlob(VarintFrameDecoder.frame(response.encoded), on: key)
    }

    private func sendBlob(_ bytes: [UInt8], on key: SyncStream.Key) {
        guard blobStreams[key] != nil else { return }
        blobStreams[key]?.pendingWrite.append(contentsOf: bytes)
        flushBlobStream(key)
    }

    func flushBlobStream(_ key: SyncStream.Key) {
        if flushQueued(\.blobStreams, \.pendingWrite, on: key), blobStreams[key]?.inbound == true { serveBlob(key) }
    }
}
