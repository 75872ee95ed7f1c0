import Identity
import Wire

/// Signed peer records (libp2p RFC 0003): ours in identify, and the peers' kept as
/// certified addresses.
extension P2PHost {
    /// Seals our peer record for the current listen addresses (the first
    /// `PeerRecord.addressCountMax` that fit a record). `sequence` comes from the caller,
    /// usually the wall clock in milliseconds; the record's sequence number is the larger
    /// of it and one more than the last record's, so it only grows while the host lives.
    public mutating func sealPeerRecord(sequence: UInt64) {
        let floor = localPeerRecord.map { $0.sequence == .max ? .max : $0.sequence + 1 } ?? 0
        let record = PeerRecord(peerID: peerID, sequence: max(sequence, floor), addresses: Self.recordAddresses(listenAddresses))
        localPeerRecord = SignedPeerRecord(sealing: record, with: identity)
    }

    /// Our signed peer record if it still lists the current listen addresses.
    var currentPeerRecordBytes: [UInt8]? {
        guard let localPeerRecord, localPeerRecord.addresses == Self.recordAddresses(listenAddresses) else { return nil }
        return localPeerRecord.envelopeBytes
    }

    /// Keeps a signed peer record learned elsewhere (such as gossipsub peer exchange) as
    /// the peer's certified addresses, unless a newer one is held.
    @discardableResult
    public mutating func certify(_ record: SignedPeerRecord, now: Duration) -> PeerStore.CertifyResult {
        peerStore.certify(record, now: now)
    }

    /// Opens the signed peer record `peer` sent in identify and keeps it; a record that does
    /// not open, or names another peer, is counted and ignored.
    mutating func receivedPeerRecord(_ bytes: [UInt8], from peer: PeerID, now: Duration) {
        let record: SignedPeerRecord
        do {
            record = try SignedPeerRecord(opening: bytes)
        } catch {
            if error.isUnsupportedKeyType {
                peerRecordStatistics.unsupported += 1
            } else {
                peerRecordStatistics.invalid += 1
            }
            return
        }
        guard record.peerID == peer else {
            peerRecordStatistics.invalid += 1
            return
        }
        switch peerStore.certify(record, now: now) {
        case .accepted: peerRecordStatistics.accepted += 1
        case .stale: peerRecordStatistics.stale += 1
        }
    }

    static func recordAddresses(_ addresses: [Multiaddr]) -> [Multiaddr] {
        Array(addresses.filter { $0.bytes.count <= PeerRecord.addressByteCountMax }.prefix(PeerRecord.addressCountMax))
    }
}
