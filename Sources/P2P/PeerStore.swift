import Identity
import Wire

/// What the host knows about each peer: addresses, protocols, identify details, when it
/// was last seen. Bounded: the least recently seen peer is forgotten first.
public struct PeerStore: Sendable {
    public struct Record: Equatable, Sendable {
        public var addresses: [Multiaddr] = []
        public var protocols: [String] = []
        public var agentVersion: String?
        public var protocolVersion: String?
        public var publicKey: LibP2PPublicKey?
        public var lastSeen: Duration = .zero
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
        var addresses = message.listenAddresses
        for address in record.addresses where !addresses.contains(address) { addresses.append(address) }
        record.addresses = Array(addresses.prefix(Self.addressCountMax))
        records[peer] = record
        evictIfFull()
    }

    private mutating func evictIfFull() {
        guard records.count > Self.peerCountMax,
              let oldest = records.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key else { return }
        records[oldest] = nil
    }
}
