import Identity
import Wire
@testable import P2P

/// Any number of hosts joined by in-memory links. A link is one TCP connection: an id on
/// each side, and bytes delivered in order until nothing is in flight anywhere.
struct MemoryNetwork {
    struct Link {
        let dialer: Int
        let dialerID: ConnectionID
        let listener: Int
        let listenerID: ConnectionID
    }

    var hosts: [P2PHost]
    var events: [[HostEvent]]
    var links: [Link] = []
    var now: Duration = .seconds(100)
    private var inFlight: [(host: Int, id: ConnectionID, bytes: [UInt8]?)] = []

    init(hostCount: Int) {
        hosts = (0..<hostCount).map { _ in P2PHost(identity: IdentityKey()) }
        events = Array(repeating: [], count: hostCount)
    }

    /// Host `dialer` dials host `listener`; nothing is delivered until `run`.
    mutating func dial(_ dialer: Int, _ listener: Int) throws {
        let address = try Multiaddr("/ip4/127.0.0.\(listener + 1)/tcp/4001/p2p/\(hosts[listener].peerID)")
        let dialerID = try hosts[dialer].dial(address, secrets: .fresh(for: hosts[dialer].identity), now: now)
        let remote = try Multiaddr("/ip4/127.0.0.\(dialer + 1)/tcp/\(50_000 + links.count)")
        let (accepted, output) = hosts[listener].accept(from: remote, secrets: .fresh(for: hosts[listener].identity), now: now)
        links.append(Link(dialer: dialer, dialerID: dialerID, listener: listener, listenerID: accepted!))
        absorb(output, from: listener)
        absorb(hosts[dialer].dialSucceeded(dialerID, now: now), from: dialer)
    }

    /// Delivers bytes until every link is quiet.
    mutating func run() {
        var steps = 0
        while !inFlight.isEmpty {
            steps += 1
            precondition(steps < 100_000, "the hosts keep talking")
            let (host, id, bytes) = inFlight.removeFirst()
            let output = bytes.map { hosts[host].receive($0, on: id, now: now) } ?? hosts[host].socketClosed(id, now: now)
            absorb(output, from: host)
        }
    }

    private mutating func absorb(_ output: HostOutput, from host: Int) {
        events[host] += output.events
        for (id, bytes) in output.sends {
            if let (peer, peerID) = otherEnd(of: id, on: host) { inFlight.append((peer, peerID, bytes)) }
        }
        for id in output.closes {
            if let (peer, peerID) = otherEnd(of: id, on: host) { inFlight.append((peer, peerID, nil)) }
        }
    }

    private func otherEnd(of id: ConnectionID, on host: Int) -> (Int, ConnectionID)? {
        for link in links {
            if link.dialer == host && link.dialerID == id { return (link.listener, link.listenerID) }
            if link.listener == host && link.listenerID == id { return (link.dialer, link.dialerID) }
        }
        return nil
    }
}
