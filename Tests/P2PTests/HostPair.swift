import Identity
import Sodium
import Wire
@testable import P2P

/// Two hosts joined by an in-memory pipe: what one sends, the other receives, in order,
/// until nothing is left in flight. Events are collected per side.
struct HostPair {
    var dialer: P2PHost
    var listener: P2PHost
    var dialerID: ConnectionID?
    var listenerID: ConnectionID?
    var dialerEvents: [HostEvent] = []
    var listenerEvents: [HostEvent] = []
    var now: Duration = .seconds(100)
    /// Bytes in flight towards each side.
    private var toListener: [[UInt8]] = []
    private var toDialer: [[UInt8]] = []

    static let listenAddress = try! Multiaddr("/ip4/127.0.0.1/tcp/4001")
    static let dialerAddress = try! Multiaddr("/ip4/127.0.0.1/tcp/50000")

    init(dialer: IdentityKey = IdentityKey(), listener: IdentityKey = IdentityKey(), configuration: HostConfiguration = .standard) {
        self.dialer = P2PHost(identity: dialer, configuration: configuration)
        self.listener = P2PHost(identity: listener, configuration: configuration)
    }

    /// Dials the listener (with its peer id in the address unless `expecting` says otherwise).
    mutating func connect(expecting peer: PeerID? = nil) throws {
        let expected = peer ?? listener.peerID
        let address = try Multiaddr("\(Self.listenAddress)/p2p/\(expected)")
        let id = try dialer.dial(address, secrets: .fresh(for: dialer.identity), now: now)
        dialerID = id
        let (accepted, acceptOutput) = listener.accept(from: Self.dialerAddress, secrets: .fresh(for: listener.identity), now: now)
        listenerID = accepted
        absorb(acceptOutput, fromListener: true)
        absorb(dialer.dialSucceeded(id, now: now), fromListener: false)
        run()
    }

    /// Delivers bytes in flight until both directions are quiet.
    mutating func run(chunkSize: Int = .max) {
        var rounds = 0
        while !(toListener.isEmpty && toDialer.isEmpty) {
            rounds += 1
            precondition(rounds < 10_000, "the hosts keep talking")
            if !toListener.isEmpty, let id = listenerID {
                for chunk in chunks(toListener.removeFirst(), chunkSize) {
                    absorb(listener.receive(chunk, on: id, now: now), fromListener: true)
                }
            } else {
                toListener.removeAll()
            }
            if !toDialer.isEmpty, let id = dialerID {
                for chunk in chunks(toDialer.removeFirst(), chunkSize) {
                    absorb(dialer.receive(chunk, on: id, now: now), fromListener: false)
                }
            } else {
                toDialer.removeAll()
            }
        }
    }

    /// Injects raw bytes as if the dialer's socket had sent them.
    mutating func injectToListener(_ bytes: [UInt8]) {
        guard let id = listenerID else { return }
        absorb(listener.receive(bytes, on: id, now: now), fromListener: true)
        run()
    }

    mutating func absorb(_ output: HostOutput, fromListener: Bool) {
        for (_, bytes) in output.sends {
            if fromListener { toDialer.append(bytes) } else { toListener.append(bytes) }
        }
        if fromListener { listenerEvents += output.events } else { dialerEvents += output.events }
    }

    private func chunks(_ bytes: [UInt8], _ size: Int) -> [[UInt8]] {
        guard size < bytes.count else { return [bytes] }
        return stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }
}
