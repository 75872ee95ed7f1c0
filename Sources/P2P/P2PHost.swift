import Identity
import Sodium
import Wire

/// A libp2p host, sans-IO: the connections of one node, their limits, identify and ping.
/// The IO layer reports socket events; the host answers with bytes to write, sockets to
/// close and events. Protocols it does not handle itself surface as stream events.
public struct P2PHost: Sendable {
    public enum DialError: Error, Equatable, Sendable, CustomStringConvertible {
        case backingOff(until: Duration)
        case tooManyOutbound(limit: Int)
        case invalidAddress(String)

        public var description: String {
            switch self {
            case .backingOff(let until): return "recent dials failed; next attempt allowed at \(until)"
            case .tooManyOutbound(let limit): return "already \(limit) outbound connections"
            case .invalidAddress(let reason): return "cannot dial: \(reason)"
            }
        }
    }

    public let identity: IdentityKey
    /// The limits and protocols; `supportInboundProtocol` adds to the protocols.
    public internal(set) var configuration: HostConfiguration
    public internal(set) var peerStore = PeerStore()
    /// How peers say they see this node (identify's `observedAddr`).
    public internal(set) var observedAddresses = ObservedAddresses()
    public internal(set) var backoff: DialBackoff
    /// Addresses this host listens on, announced in identify. After changing them, call
    /// `sealPeerRecord(sequence:)` so that identify also carries them signed.
    public var listenAddresses: [Multiaddr] = []
    /// Our signed peer record, sent in identify while its addresses are the listen addresses.
    public internal(set) var localPeerRecord: SignedPeerRecord?
    /// What became of the signed peer records peers sent in identify.
    public internal(set) var peerRecordStatistics = PeerRecordStatistics()
    /// Closes by kind (see `ConnectionCloseReason.kind`), and inbound refusals.
    public internal(set) var closeCounts: [String: Int] = [:]
    public internal(set) var refusedCount = 0
    var connections: [ConnectionID: ManagedConnection] = [:]
    private var nextID: UInt64 = 1

    public init(identity: IdentityKey, configuration: HostConfiguration = .standard) {
        self.identity = identity
        self.configuration = configuration
        backoff = DialBackoff(base: configuration.limits.dialBackoffBase, maximum: configuration.limits.dialBackoffMax)
    }

    public var peerID: PeerID { identity.peerID }
    public var connectionCount: Int { connections.count }
    public var connectionIDs: [ConnectionID] { connections.keys.sorted() }

    /// The connection's remote peer, once proved.
    public func peer(of id: ConnectionID) -> PeerID? { connections[id]?.peerID }

    /// Takes an accepted socket, or refuses it (nil) when a limit is reached.
    public mutating func accept(from remote: Multiaddr, secrets: ConnectionSecrets, now: Duration) -> (ConnectionID?, HostOutput) {
        var output = HostOutput()
        let limits = configuration.limits
        let inbound = connections.values.filter(\.inbound)
        let host = remote.hostText
        let reason: String? = inbound.count >= limits.inboundCountMax
            ? "inbound connection limit \(limits.inboundCountMax) reached"
            : inbound.filter({ $0.remoteHost == host }).count >= limits.perAddressCountMax
                ? "per-address limit \(limits.perAddressCountMax) reached for \(host)" : nil
        if let reason {
            refusedCount += 1
            output.events.append(.refused(remote: remote, reason: reason))
            return (nil, output)
        }
        let id = add(Connection(role: .listener, secrets: secrets, configuration: configuration.connection, now: now), remote, inbound: true)
        output.append(connections[id]!.connection.start(), for: id)
        return (id, output)
    }

    /// Reserves a connection for dialling `address`; call `dialSucceeded` or `dialFailed`
    /// when the TCP connect completes.
    public mutating func dial(_ address: Multiaddr, secrets: ConnectionSecrets, now: Duration) throws(DialError) -> ConnectionID {
        let key = Self.dialKey(address)
        guard backoff.allows(key, now: now) else { throw .backingOff(until: backoff.retryTime(for: key) ?? now) }
        let outbound = connections.values.filter { !$0.inbound }.count
        guard outbound < configuration.limits.outboundCountMax else { throw .tooManyOutbound(limit: configuration.limits.outboundCountMax) }
        let expected = try Self.expectedPeer(in: address)
        let connection = Connection(role: .dialer, secrets: secrets, expectedRemotePeerID: expected, configuration: configuration.connection, now: now)
        return add(connection, address, inbound: false)
    }

    /// The TCP connect succeeded: the first bytes to send.
    public mutating func dialSucceeded(_ id: ConnectionID, now: Duration) -> HostOutput {
        var output = HostOutput()
        guard var managed = connections[id] else { return output }
        backoff.succeeded(Self.dialKey(managed.remoteAddress))
        output.append(managed.connection.start(), for: id)
        connections[id] = managed
        return output
    }

    /// The TCP connect failed: the address backs off (`jitter` in 0..<1 from the caller).
    public mutating func dialFailed(_ id: ConnectionID, now: Duration, jitter: Double) {
        guard let managed = connections.removeValue(forKey: id) else { return }
        backoff.failed(Self.dialKey(managed.remoteAddress), now: now, jitter: jitter)
    }

    private mutating func add(_ connection: Connection, _ remote: Multiaddr, inbound: Bool) -> ConnectionID {
        let id = ConnectionID(nextID)
        nextID += 1
        connections[id] = ManagedConnection(connection: connection, remoteAddress: remote, inbound: inbound)
        return id
    }

    static func dialKey(_ address: Multiaddr) -> String {
        address.withoutPeerID.description
    }

    static func expectedPeer(in address: Multiaddr) throws(DialError) -> PeerID? {
        for case .p2p(let multihash) in address.components {
            do {
                return try PeerID(multihash: multihash)
            } catch {
                throw .invalidAddress("\(error)")
            }
        }
        return nil
    }
}
