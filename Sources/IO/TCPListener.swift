import CLibUV

/// A listening TCP socket, created by `EventLoop.listen`. Loop thread only.
///
/// Each accepted connection is handed to `onConnection` already reading; the owner sets
/// its callbacks there. Connections past `EventLoop.connectionCountMax` are closed at
/// once and counted in `IOStatistics.connectionsRejected`. The loop keeps the listener
/// alive until `close()` or the loop stops.
public final class TCPListener: @unchecked Sendable, LoopHandleOwner {
    /// The loop the listener runs on.
    public let eventLoop: EventLoop
    /// The bound address, with the port the kernel picked when port 0 was asked for.
    public let localAddress: SocketAddress
    private let tcp: UnsafeMutablePointer<uv_tcp_t>
    private var onConnection: ((TCPConnection) -> Void)?

    /// Whether `close()` was called or the loop stopped.
    public var isClosed: Bool {
        onConnection == nil
    }

    private var handle: UnsafeMutablePointer<uv_handle_t> {
        castPointer(tcp, to: uv_handle_t.self)
    }

    private init(
        eventLoop: EventLoop,
        tcp: UnsafeMutablePointer<uv_tcp_t>,
        localAddress: SocketAddress,
        onConnection: @escaping (TCPConnection) -> Void
    ) {
        self.eventLoop = eventLoop
        self.tcp = tcp
        self.localAddress = localAddress
        self.onConnection = onConnection
    }

    /// Binds, listens and starts accepting; on failure closes the handle and throws.
    static func open(
        on eventLoop: EventLoop,
        address: sockaddr_storage,
        backlog: Int32,
        onConnection: @escaping (TCPConnection) -> Void
    ) throws(IOError) -> TCPListener {
        let tcp = UnsafeMutablePointer<uv_tcp_t>.allocate(capacity: 1)
        let initStatus = uv_tcp_init(eventLoop.loop, tcp)
        guard initStatus == 0 else {
            tcp.deallocate()
            throw IOError(status: initStatus)
        }
        do throws(IOError) {
            let localAddress = try bindAndListen(tcp, address: address, backlog: backlog)
            let listener = TCPListener(eventLoop: eventLoop, tcp: tcp, localAddress: localAddress, onConnection: onConnection)
            retainOwner(listener, in: listener.handle)
            return listener
        } catch {
            closeAndDeallocate(castPointer(tcp, to: uv_handle_t.self))
            throw error
        }
    }

    private static func bindAndListen(
        _ tcp: UnsafeMutablePointer<uv_tcp_t>,
        address: sockaddr_storage,
        backlog: Int32
    ) throws(IOError) -> SocketAddress {
        let flags = Int32(address.ss_family) == AF_INET6 ? UInt32(UV_TCP_IPV6ONLY.rawValue) : 0
        let bindStatus = SocketAddress.withSocketAddress(address) { uv_tcp_bind(tcp, $0, flags) }
        guard bindStatus == 0 else { throw IOError(status: bindStatus) }
        let listenStatus = uv_listen(castPointer(tcp, to: uv_stream_t.self), backlog) { server, status in
            guard let server else { return }
            owner(of: castPointer(server, to: uv_handle_t.self), as: TCPListener.self).accept(status: status)
        }
        guard listenStatus == 0 else { throw IOError(status: listenStatus) }
        return try SocketAddress.read(tcp, using: uv_tcp_getsockname)
    }

    /// Stops listening and closes the socket. Idempotent.
    public func close() {
        precondition(eventLoop.isOnLoopThread, "TCPListener.close() called off the loop thread")
        closeHandle()
    }

    func closeForShutdown() {
        closeHandle()
    }

    private func closeHandle() {
        guard onConnection != nil else { return }
        onConnection = nil
        uv_close(handle) { handle in
            guard let handle else { return }
            releaseOwner(of: handle, as: TCPListener.self)
            UnsafeMutableRawPointer(handle).deallocate()
        }
    }

    /// Accepts one pending connection and hands it to `onConnection`.
    private func accept(status: Int32) {
        guard let onConnection else { return }
        guard status == 0 else {
            eventLoop.counters.update { $0.acceptErrors &+= 1 }
            return
        }
        let client = UnsafeMutablePointer<uv_tcp_t>.allocate(capacity: 1)
        let initStatus = uv_tcp_init(eventLoop.loop, client)
        guard initStatus == 0 else {
            client.deallocate()
            eventLoop.counters.update { $0.acceptErrors &+= 1 }
            return
        }
        let clientHandle = castPointer(client, to: uv_handle_t.self)
        guard uv_accept(castPointer(tcp, to: uv_stream_t.self), castPointer(client, to: uv_stream_t.self)) == 0 else {
            closeAndDeallocate(clientHandle)
            eventLoop.counters.update { $0.acceptErrors &+= 1 }
            return
        }
        guard eventLoop.connectionCount < eventLoop.connectionCountMax else {
            closeAndDeallocate(clientHandle)
            eventLoop.counters.update { $0.connectionsRejected &+= 1 }
            return
        }
        guard let connection = try? TCPConnection.adopt(client, on: eventLoop) else {
            closeAndDeallocate(clientHandle)
            eventLoop.counters.update { $0.acceptErrors &+= 1 }
            return
        }
        eventLoop.counters.update { $0.connectionsAccepted &+= 1 }
        onConnection(connection)
    }
}
