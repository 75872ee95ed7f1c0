import CLibUV

/// An outbound connection attempt: owns the TCP handle until the connect completes,
/// then hands it to a new `TCPConnection`. Loop thread only.
final class TCPConnector: LoopHandleOwner {
    private let eventLoop: EventLoop
    private let tcp: UnsafeMutablePointer<uv_tcp_t>
    private var completion: ((Result<TCPConnection, IOError>) -> Void)?
    private var timer: TimerHandle?
    /// Why the attempt was cut short (timeout or shutdown), reported instead of ECANCELED.
    private var failure: IOError?

    private var handle: UnsafeMutablePointer<uv_handle_t> {
        castPointer(tcp, to: uv_handle_t.self)
    }

    private init(eventLoop: EventLoop, tcp: UnsafeMutablePointer<uv_tcp_t>, completion: @escaping (Result<TCPConnection, IOError>) -> Void) {
        self.eventLoop = eventLoop
        self.tcp = tcp
        self.completion = completion
    }

    /// Starts connecting to `address`; `completion` runs on a later loop iteration.
    static func start(
        on eventLoop: EventLoop,
        address: sockaddr_storage,
        timeout: Duration,
        completion: @escaping (Result<TCPConnection, IOError>) -> Void
    ) {
        let tcp = UnsafeMutablePointer<uv_tcp_t>.allocate(capacity: 1)
        let initStatus = uv_tcp_init(eventLoop.loop, tcp)
        guard initStatus == 0 else {
            tcp.deallocate()
            eventLoop.runOnNextIteration { completion(.failure(IOError(status: initStatus))) }
            return
        }
        let connector = TCPConnector(eventLoop: eventLoop, tcp: tcp, completion: completion)
        retainOwner(connector, in: connector.handle)
        eventLoop.connectionCount += 1
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        let status = SocketAddress.withSocketAddress(address) { address in
            uv_tcp_connect(request, tcp, address) { request, status in
                guard let request else { return }
                let stream = request.pointee.handle
                request.deallocate()
                guard let stream else { return }
                owner(of: castPointer(stream, to: uv_handle_t.self), as: TCPConnector.self).didConnect(status: status)
            }
        }
        guard status == 0 else {
            request.deallocate()
            connector.failure = IOError(status: status)
            connector.closeHandle()
            eventLoop.runOnNextIteration { connector.finish(.failure(IOError(status: status))) }
            return
        }
        connector.timer = eventLoop.scheduleTimer(after: timeout) { [weak connector] in
            connector?.cutShort(.timedOut)
        }
    }

    func closeForShutdown() {
        cutShort(.closed)
    }

    /// Ends the attempt early: closing the handle makes libuv call the connect callback
    /// with ECANCELED, which then reports `error`.
    private func cutShort(_ error: IOError) {
        guard failure == nil else { return }
        failure = error
        closeHandle()
    }

    private func didConnect(status: Int32) {
        timer?.cancel()
        timer = nil
        if status == 0 && failure == nil {
            releaseOwner(of: handle, as: TCPConnector.self)
            eventLoop.connectionCount -= 1
            do throws(IOError) {
                let connection = try TCPConnection.adopt(tcp, on: eventLoop)
                eventLoop.counters.update { $0.connectionsOpened &+= 1 }
                finish(.success(connection))
            } catch {
                closeAndDeallocate(handle)
                finish(.failure(error))
            }
            return
        }
        let error = failure ?? IOError(status: status < 0 ? status : UV_ECANCELED.rawValue)
        failure = error
        closeHandle()
        finish(.failure(error))
    }

    /// Closes the handle unless it is closing; the close callback releases the connector
    /// and its slot in the loop's connection count.
    private func closeHandle() {
        guard uv_is_closing(handle) == 0 else { return }
        uv_close(handle) { handle in
            guard let handle else { return }
            let connector = releaseOwner(of: handle, as: TCPConnector.self)
            UnsafeMutableRawPointer(handle).deallocate()
            connector.eventLoop.connectionCount -= 1
        }
    }

    private func finish(_ result: Result<TCPConnection, IOError>) {
        guard let completion else { return }
        self.completion = nil
        completion(result)
    }
}
