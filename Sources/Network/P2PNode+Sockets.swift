import IO
import Identity
import P2P
import Sodium
import Wire

/// Socket callbacks and carrying out host output.
extension P2PNode {
    func accepted(_ socket: TCPConnection) {
        guard let remote = Self.multiaddr(socket.remoteAddress) else { return socket.abort() }
        let (accepted, output) = host.accept(from: remote, secrets: .fresh(for: host.identity), now: loop.now)
        guard let id = accepted else {
            socket.abort()
            return apply(output)
        }
        attach(socket, as: id)
        apply(output)
    }

    func connected(_ id: ConnectionID, _ result: Result<TCPConnection, IOError>) {
        switch result {
        case .success(let socket):
            attach(socket, as: id)
            apply(host.dialSucceeded(id, now: loop.now))
        case .failure(let error):
            host.dialFailed(id, now: loop.now, jitter: Double(SecureRandom.uniform(upperBound: 1 << 16)) / 65536)
            onEvent(.disconnected(id, nil, .dialFailed("\(error)")))
        }
    }

    private func attach(_ socket: TCPConnection, as id: ConnectionID) {
        sockets[id] = socket
        socket.onRead = { [weak self] bytes in
            guard let self else { return }
            self.apply(self.host.receive(bytes, on: id, now: self.loop.now))
        }
        socket.onClose = { [weak self] _ in
            guard let self, self.sockets.removeValue(forKey: id) != nil else { return }
            self.apply(self.host.socketClosed(id, now: self.loop.now))
        }
    }

    func apply(_ output: HostOutput) {
        for (id, bytes) in output.sends {
            guard let socket = sockets[id] else { continue }
            if !socket.write(bytes) {
                // The peer reads slower than we produce; its encrypted stream cannot skip
                // bytes, so the connection goes.
                sockets[id] = nil
                socket.abort()
                apply(host.socketClosed(id, now: loop.now))
            }
        }
        for id in output.closes {
            sockets.removeValue(forKey: id)?.close()
        }
        for event in output.events { onEvent(event) }
    }

    func startTicking() {
        guard ticker == nil else { return }
        ticker = loop.scheduleTimer(after: .seconds(1), repeating: .seconds(1)) { [weak self] in
            guard let self else { return }
            self.apply(self.host.tick(now: self.loop.now))
        }
    }

    /// The multiaddr of a socket address; nil for one multiaddr text cannot carry, such as
    /// an IPv6 address with a zone.
    static func multiaddr(_ address: SocketAddress) -> Multiaddr? {
        let family = address.family == .ipv6 ? "ip6" : "ip4"
        return try? Multiaddr("/\(family)/\(address.host)/tcp/\(address.port)")
    }
}
