import Identity
import Noise
import Sodium
import Wire
import Yamux
@testable import P2P

/// One listener host and several peers: dialer hosts joined to it by in-memory pipes, and
/// raw connections whose bytes the test writes itself. What one side sends reaches the
/// other in order; a side that closes a connection ends the other's socket after the
/// bytes it sent last. What the listener sends on a raw connection is kept in
/// `rawReceived`.
struct HostTrio {
    /// A dialer host's connection to the listener.
    struct Link {
        let dialerID: ConnectionID
        let listenerID: ConnectionID
        var dialerEvents: [HostEvent] = []
    }

    /// Why a helper could not do its part.
    enum SetupError: Error {
        case refused
        case notMuxed
    }

    var listener: P2PHost
    var dialers: [P2PHost] = []
    var links: [Link] = []
    var listenerEvents: [HostEvent] = []
    var rawReceived: [ConnectionID: [UInt8]] = [:]
    var now: Duration = .seconds(100)
    /// Bytes in flight (nil: end of file), towards the listener and towards each dialer.
    private var toListener: [(ConnectionID, [UInt8]?)] = []
    private var toDialers: [(link: Int, bytes: [UInt8]?)] = []
    private var nextRemoteHost = 1

    static let listenAddress = try! Multiaddr("/ip4/127.0.0.1/tcp/4001")

    init(listener: IdentityKey = IdentityKey(), configuration: HostConfiguration = .standard) {
        self.listener = P2PHost(identity: listener, configuration: configuration)
    }

    /// A new dialer host connects, and the hosts talk until quiet; returns its link index.
    @discardableResult
    mutating func connectDialer(configuration: HostConfiguration = .standard) throws -> Int {
        let index = dialers.count
        dialers.append(P2PHost(identity: IdentityKey(), configuration: configuration))
        let address = try Multiaddr("\(Self.listenAddress)/p2p/\(listener.peerID)")
        let dialerID = try dialers[index].dial(address, secrets: .fresh(for: dialers[index].identity), now: now)
        let (accepted, acceptOutput) = listener.accept(
            from: try nextRemoteAddress(), secrets: .fresh(for: listener.identity), now: now)
        guard let listenerID = accepted else { throw SetupError.refused }
        links.append(Link(dialerID: dialerID, listenerID: listenerID))
        absorbListener(acceptOutput)
        absorbDialer(index, dialers[index].dialSucceeded(dialerID, now: now))
        run()
        return index
    }

    /// The listener accepts a socket with no host behind it; the test writes its bytes.
    mutating func acceptRaw() throws -> ConnectionID {
        let (accepted, output) = listener.accept(from: try nextRemoteAddress(), secrets: .fresh(for: listener.identity), now: now)
        guard let id = accepted else { throw SetupError.refused }
        rawReceived[id] = []
        absorbListener(output)
        return id
    }

    /// Delivers bytes in flight until every pipe is quiet.
    mutating func run() {
        var rounds = 0
        while !(toListener.isEmpty && toDialers.isEmpty) {
            rounds += 1
            precondition(rounds < 10_000, "the hosts keep talking")
            if !toListener.isEmpty {
                let (id, bytes) = toListener.removeFirst()
                absorbListener(bytes.map { listener.receive($0, on: id, now: now) } ?? listener.socketClosed(id, now: now))
            }
            if !toDialers.isEmpty {
                let (index, bytes) = toDialers.removeFirst()
                let id = links[index].dialerID
                absorbDialer(index, bytes.map { dialers[index].receive($0, on: id, now: now) } ?? dialers[index].socketClosed(id, now: now))
            }
        }
    }

    /// Delivers `bytes` to the listener in one read, as if connection `id`'s socket had
    /// sent them, then lets everything settle.
    mutating func inject(_ bytes: [UInt8], toListenerOn id: ConnectionID) {
        absorbListener(listener.receive(bytes, on: id, now: now))
        run()
    }

    /// Seals `plaintext` with link `index`'s live Noise session, as the dialer's connection
    /// would, and stores the session back so its nonce stays in step for later traffic.
    mutating func sealAsDialer(_ index: Int, _ plaintext: [UInt8]) throws -> [UInt8] {
        let id = links[index].dialerID
        guard case .muxed(var session, let muxer)? = dialers[index].connections[id]?.connection.stage else {
            throw SetupError.notMuxed
        }
        let sealed = try session.seal(plaintext)
        dialers[index].connections[id]!.connection.stage = .muxed(session, muxer)
        return sealed
    }

    /// Link `index`'s dialer pings the listener; returns whether the round trip came back.
    mutating func pings(_ index: Int) -> Bool {
        let before = links[index].dialerEvents.count
        let id = links[index].dialerID
        absorbDialer(index, dialers[index].ping(id, payload: [UInt8](repeating: UInt8(index), count: 32), now: now))
        run()
        return links[index].dialerEvents[before...].contains { event in
            if case .pingRoundTrip(id, _, _) = event { return true }
            return false
        }
    }

    /// The yamux session of one of the listener's connections, while muxed.
    func listenerMuxer(_ id: ConnectionID) -> YamuxSession? {
        guard case .muxed(_, let muxer)? = listener.connections[id]?.connection.stage else { return nil }
        return muxer
    }

    /// The yamux session of link `index`'s dialer connection, while muxed.
    func dialerMuxer(_ index: Int) -> YamuxSession? {
        guard case .muxed(_, let muxer)? = dialers[index].connections[links[index].dialerID]?.connection.stage else { return nil }
        return muxer
    }

    mutating func absorbListener(_ output: HostOutput) {
        for (id, bytes) in output.sends {
            if let index = links.firstIndex(where: { $0.listenerID == id }) {
                toDialers.append((index, bytes))
            } else {
                rawReceived[id, default: []] += bytes
            }
        }
        for id in output.closes {
            if let index = links.firstIndex(where: { $0.listenerID == id }) { toDialers.append((index, nil)) }
        }
        listenerEvents += output.events
    }

    mutating func absorbDialer(_ index: Int, _ output: HostOutput) {
        let link = links[index]
        for (id, bytes) in output.sends where id == link.dialerID {
            toListener.append((link.listenerID, bytes))
        }
        if output.closes.contains(link.dialerID) { toListener.append((link.listenerID, nil)) }
        links[index].dialerEvents += output.events
    }

    /// A distinct remote address per accepted socket, so per-address limits stay out of the way.
    private mutating func nextRemoteAddress() throws -> Multiaddr {
        defer { nextRemoteHost += 1 }
        return try Multiaddr("/ip4/10.0.0.\(nextRemoteHost)/tcp/50000")
    }
}
