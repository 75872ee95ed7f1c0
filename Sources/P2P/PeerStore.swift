import Identity
import Wire

/// What the host knows about each peer: addresses, protocols, identify details, its
/// signed peer record, when it was last seen. Bounded: the least recently seen peer is
/// forgotten first.
///
/// Addresses from a verified signed peer record are *certified*: the peer itself signed
/// them. They come first in `addresses`; a record replaces the one held only when its
/// sequence number is larger.
public struct PeerStore: Sendable {
    public struct Record: Equatable, Sendable {
        /// Every known address, certified ones first.
        public var addresses: [Multiaddr] = []
        public var protocols: [String] = []
        public var agentVersion: String?
        public var protocolVersion: String?
        public var publicKey: LibP2PPublicKey?
        public var lastSeen: Duration = .zero
        /// The newest verified signed peer record of the peer.
        public var signedPeerRecord: SignedPeerRecord?

        /// The addresses the peer signed (those of `signedPeerRecord`).
        public var certifiedAddresses: [Multiaddr] { signedPeerRecord?.addresses ?? [] }
    }

    /// What `certify` did with a record.
    public enum CertifyResult: Equatable, Sendable {
        /// The record is now the peer's newest.
        case accepted
        /// The store already holds a record of the peer with an equal or larger sequence number.
        case stale
    }

    public static let peerCountMax = 10_000
    public static let addressCountMax = 16

    private(set) public var records: [PeerID: Record] = [:]

    public init() {}

    public subscript(peer: PeerID) -> Record? { records[peer] }

    public var count: Int { records.count }

    /// Notes that `peer` was seen now, optionally at `address`.
    public mutating func saw(_ peer: PeerID, at address: Multiaddr? = nil, now: Duration) {
        var record = records[peer] ?? Record()
        record.lastSeen = now
        if let address, !record.addresses.contains(address) {
            record.addresses.insert(address, at: 0)
            record.addresses = Array(record.addresses.prefix(Self.addressCountMax))
        }
        records[peer] = record
        evictIfFull()
    }

    /// Stores what `peer` said about itself in identify.
    public mutating func identified(_ peer: PeerID, _ message: IdentifyMessage, now: Duration) {
        var record = records[peer] ?? Record()
        record.lastSeen = now
        record.protocols = message.protocols
        record.agentVersion = message.agentVersion
        record.protocolVersion = message.protocolVersion
        record.publicKey = message.publicKey
        record.addresses = Self.merged(record.certifiedAddresses, message.listenAddresses, record.addresses)
        records[peer] = record
        evictIfFull()
    }

    /// Stores a verified signed peer record of its peer, unless the store holds one with
    /// an equal or larger sequence number; its addresses become the first ones known.
    /// The caller has opened the record (`SignedPeerRecord(opening:)`), which checks that
    /// its signer is its peer.
    @discardableResult
    public mutating func certify(_ signed: SignedPeerRecord, now: Duration) -> CertifyResult {
        var record = records[signed.peerID] ?? Record()
        if let held = record.signedPeerRecord, !signed.isNewer(than: held) { return .stale }
        record.signedPeerRecord = signed
        record.lastSeen = max(record.lastSeen, now)
        record.addresses = Self.merged(signed.addresses, record.addresses)
        records[signed.peerID] = record
        evictIfFull()
        return .accepted
    }

    /// The addresses of `lists` in order, without repeats, at most `addressCountMax`.
    private static func merged(_ lists: [Multiaddr]...) -> [Multiaddr] {
        var addresses: [Multiaddr] = []
        for address in lists.joined() where !addresses.contains(address) {
            addresses.append(address)
            if addresses.count == addressCountMax { break }
        }
        return addresses
    }

    private mutating func evictIfFull() {
        guard records.count > Self.peerCountMax,
              let oldest = records.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key else { return }
        records[oldest] = nil
    }
}
