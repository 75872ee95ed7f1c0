import Identity

/// The fetching side of `/oln/blob/1` in a runtime: the blobs wanted, in the order asked
/// for, and the one download in flight with the peers already tried for it.
struct BlobFetcher {
    struct Active {
        var download: BlobDownload
        var peer: PeerID
        var stream: SyncStream.Key
        var request: BlobRequest?
        var sentAt: Duration
    }

    /// Most blobs waiting to be fetched; more requests are refused.
    static let wantedCountMax = 4_096
    /// How long a peer that did not hold a blob is not asked for it again.
    static let retryInterval: Duration = .seconds(30)

    /// Hashes wanted with their size limits, oldest first.
    var wanted: [(hash: [UInt8], byteCountMax: UInt64)] = []
    var active: Active?
    /// Peers asked for a hash that did not hold it, and when.
    var tried: [[UInt8]: [PeerID: Duration]] = [:]
    var nextRequestID: UInt64 = 1
    /// Blobs fetched and checked since the node started.
    var fetchedCount = 0

    /// Adds `hash` unless it is wanted already or the queue is full; returns whether it was added.
    mutating func want(_ hash: [UInt8], byteCountMax: UInt64) -> Bool {
        guard !wanted.contains(where: { $0.hash == hash }), active?.download.hash != hash,
              wanted.count < Self.wantedCountMax else { return false }
        wanted.append((hash, byteCountMax))
        return true
    }

    /// Whether `peer` may be asked for `hash` now.
    mutating func mayAsk(_ peer: PeerID, for hash: [UInt8], now: Duration) -> Bool {
        guard let at = tried[hash]?[peer] else { return true }
        if now - at >= Self.retryInterval {
            tried[hash]?[peer] = nil
            return true
        }
        return false
    }

    mutating func markTried(_ peer: PeerID, for hash: [UInt8], now: Duration) {
        tried[hash, default: [:]][peer] = now
    }

    mutating func nextID() -> UInt64 {
        defer { nextRequestID &+= 1 }
        return nextRequestID
    }
}
