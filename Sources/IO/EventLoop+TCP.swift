import CLibUV

extension EventLoop {
    /// Listens for TCP connections on an IPv4 or IPv6 literal `host` (IPv6 sockets are
    /// IPv6-only); port 0 lets the kernel pick a free port (see `localAddress`). Each
    /// accepted connection is handed to `onConnection` on the loop thread. Loop thread
    /// only. Throws `invalidAddress` for a host that is not a literal, `closed` while the
    /// loop shuts down, and the system's error when binding or listening fails.
    public func listen(
        host: String,
        port: UInt16,
        backlog: Int32 = 511,
        onConnection: @escaping (TCPConnection) -> Void
    ) throws(IOError) -> TCPListener {
        precondition(isOnLoopThread, "EventLoop.listen called off the loop thread")
        precondition(backlog > 0, "backlog must be positive")
        guard !isShuttingDown else { throw .closed }
        let address = try SocketAddress.storage(host: host, port: port)
        return try TCPListener.open(on: self, address: address, backlog: backlog, onConnection: onConnection)
    }

    /// Connects to an IPv4 or IPv6 literal `host`, giving up after `timeout`. Loop thread
    /// only. `completion` runs exactly once on the loop thread, never before `connect`
    /// returns (except while the loop shuts down, when it reports `closed` at once), with
    /// the connection (already reading: set its callbacks in `completion`) or an error:
    /// `invalidAddress`, `timedOut`, `connectionLimitReached`, `closed`, or the
    /// system's error such as `IOError.connectionRefused`.
    public func connect(
        host: String,
        port: UInt16,
        timeout: Duration,
        completion: @escaping (Result<TCPConnection, IOError>) -> Void
    ) {
        precondition(isOnLoopThread, "EventLoop.connect called off the loop thread")
        guard !isShuttingDown else {
            completion(.failure(.closed))
            return
        }
        guard connectionCount < connectionCountMax else {
            runOnNextIteration { completion(.failure(.connectionLimitReached)) }
            return
        }
        let address: sockaddr_storage
        do throws(IOError) {
            address = try SocketAddress.storage(host: host, port: port)
        } catch {
            runOnNextIteration { completion(.failure(error)) }
            return
        }
        TCPConnector.start(on: self, address: address, timeout: timeout, completion: completion)
    }
}
