import Foundation
import IO
import Identity
import P2P
import Sodium
import Wire

/// A libp2p host on a libuv loop. Create it, `listen` and `dial` on the loop thread (use
/// `loop.execute` from elsewhere), and receive `HostEvent`s through `onEvent`.
public final class P2PNode: @unchecked Sendable {
    public let loop: EventLoop
    public internal(set) var host: P2PHost
    /// Called on the loop thread for every host event.
    public var onEvent: (HostEvent) -> Void = { _ in }
    var sockets: [ConnectionID: TCPConnection] = [:]
    var listeners: [TCPListener] = []
    var ticker: TimerHandle?
    /// How long a TCP connect may take.
    public var dialTimeout: Duration = .seconds(10)

    public init(loop: EventLoop, identity: IdentityKey, configuration: HostConfiguration = .standard) {
        self.loop = loop
        host = P2PHost(identity: identity, configuration: configuration)
    }

    public var peerID: PeerID { host.peerID }

    /// The addresses peers can dial, each with `/p2p/<peer id>`.
    public var dialableAddresses: [Multiaddr] {
        host.listenAddresses.map { Multiaddr(components: $0.components + [.p2p(peerID.multihash)]) }
    }

    /// Listens on a TCP multiaddr and returns the bound address with `/p2p/<peer id>`.
    /// A listener on 0.0.0.0 or :: is announced (in identify and `listenAddresses`) with
    /// each interface's address instead. The host's signed peer record is resealed with
    /// the new addresses (sequence number: the wall clock in milliseconds) and pushed to
    /// connected peers.
    @discardableResult
    public func listen(on address: Multiaddr) throws(NetworkError) -> Multiaddr {
        precondition(loop.isOnLoopThread, "P2PNode.listen called off the loop thread")
        guard let endpoint = TCPEndpoint(address) else { throw .unsupportedAddress(address.description) }
        let listener: TCPListener
        do {
            listener = try loop.listen(host: endpoint.host, port: endpoint.port) { [weak self] socket in
                self?.accepted(socket)
            }
        } catch {
            throw .listenFailed(address.description, error)
        }
        listeners.append(listener)
        startTicking()
        guard let bound = Self.multiaddr(listener.localAddress) else {
            listener.close()
            throw .unsupportedAddress(listener.localAddress.description)
        }
        host.listenAddresses += InterfaceAddresses.expand(bound)
        host.sealPeerRecord(sequence: Self.wallClockMilliseconds)
        if host.connectionCount > 0 { apply(host.pushIdentify(now: loop.now)) }
        return Multiaddr(components: bound.components + [.p2p(peerID.multihash)])
    }

    /// Dials a TCP multiaddr; a `/p2p/` part is checked against the peer that answers.
    public func dial(_ address: Multiaddr) throws(NetworkError) {
        precondition(loop.isOnLoopThread, "P2PNode.dial called off the loop thread")
        guard let endpoint = TCPEndpoint(address) else { throw .unsupportedAddress(address.description) }
        let id: ConnectionID
        do {
            id = try host.dial(address, secrets: .fresh(for: host.identity), now: loop.now)
        } catch {
            throw .dialRefused(error)
        }
        startTicking()
        loop.connect(host: endpoint.host, port: endpoint.port, timeout: dialTimeout) { [weak self] result in
            self?.connected(id, result)
        }
    }

    /// Pings a connection's peer; a `.pingRoundTrip` or `.pingFailed` event follows.
    public func ping(_ id: ConnectionID) {
        apply(host.ping(id, payload: SecureRandom.bytes(count: PingExchange.payloadByteCount), now: loop.now))
    }

    /// Closes every connection and listener.
    public func shutdown() {
        for id in host.connectionIDs { apply(host.close(id, now: loop.now)) }
        for listener in listeners { listener.close() }
        listeners.removeAll()
        ticker?.cancel()
        ticker = nil
    }

    /// Milliseconds since the Unix epoch: the sequence number of our signed peer records,
    /// so that a restarted node's new record supersedes the old one at its peers.
    static var wallClockMilliseconds: UInt64 {
        UInt64(max(Date().timeIntervalSince1970, 0) * 1000)
    }

    /// Runs a host step that the owner started, such as opening an application stream.
    public func perform(_ step: (inout P2PHost, Duration) -> HostOutput) {
        apply(step(&host, loop.now))
    }
}
