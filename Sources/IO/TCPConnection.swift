import CLibUV

/// An open TCP connection. Loop thread only: every method and property is used on the
/// thread of `eventLoop` (the methods check it).
///
/// Reads start as soon as the connection is handed over and arrive in `onRead`; the owner
/// calls `pauseReading()` while its inbound buffer is full and `resumeReading()` later.
/// `write` copies the bytes into a bounded queue; when it returns false the owner waits
/// for `onWritable`. `onClose` is called exactly once, after the socket is closed: with
/// nil after end of stream, `close()` or `abort()`; with the error otherwise
/// (`IOError.closed` when the loop stops, `IOError.timedOut` when `close()` could not
/// flush within `closeTimeout`). The loop keeps the connection alive until then.
public final class TCPConnection: @unchecked Sendable, LoopHandleOwner {
    /// The default bound of `writeQueueByteCountMax`: 4 MiB.
    public static let defaultWriteQueueByteCountMax = 4 << 20
    /// The default time `close()` waits for queued bytes to drain before aborting.
    public static let defaultCloseTimeout = Duration.seconds(10)

    enum State {
        case open
        case closing
        case closed
    }

    /// The loop this connection belongs to.
    public let eventLoop: EventLoop
    /// This machine's end of the connection.
    public let localAddress: SocketAddress
    /// The peer's end of the connection.
    public let remoteAddress: SocketAddress

    /// Called with each chunk of bytes read (at most `EventLoop.readBufferByteCount`).
    public var onRead: ([UInt8]) -> Void = { _ in }
    /// Called once after a refused `write`, when the queue has drained to
    /// `writeQueueLowWaterByteCount` bytes or fewer.
    public var onWritable: () -> Void = {}
    /// Called exactly once when the connection has closed (see the type's documentation).
    public var onClose: (IOError?) -> Void = { _ in }

    /// The most bytes the write queue holds; a write that would go past it is refused,
    /// unless the queue is empty (a single write of any size is always taken then).
    public var writeQueueByteCountMax = TCPConnection.defaultWriteQueueByteCountMax {
        didSet { precondition(writeQueueByteCountMax > 0, "writeQueueByteCountMax must be positive") }
    }
    /// The queue size at or below which `onWritable` is called after a refused write.
    public var writeQueueLowWaterByteCount = TCPConnection.defaultWriteQueueByteCountMax / 4 {
        didSet { precondition(writeQueueLowWaterByteCount >= 0, "writeQueueLowWaterByteCount must not be negative") }
    }
    /// How long `close()` may wait for queued bytes to be sent before it aborts.
    public var closeTimeout = TCPConnection.defaultCloseTimeout

    /// Bytes accepted by `write` that the kernel has not taken yet.
    public internal(set) var queuedWriteByteCount = 0
    /// Whether `pauseReading()` is in force.
    public internal(set) var isReadingPaused = false

    let tcp: UnsafeMutablePointer<uv_tcp_t>
    var state = State.open
    var closeError: IOError?
    var isWritableNotificationPending = false
    private var closeTimer: TimerHandle?

    /// Whether the connection still takes writes (not closing or closed).
    public var isOpen: Bool {
        state == .open
    }

    var stream: UnsafeMutablePointer<uv_stream_t> {
        castPointer(tcp, to: uv_stream_t.self)
    }

    var handle: UnsafeMutablePointer<uv_handle_t> {
        castPointer(tcp, to: uv_handle_t.self)
    }

    private init(eventLoop: EventLoop, tcp: UnsafeMutablePointer<uv_tcp_t>, local: SocketAddress, remote: SocketAddress) {
        self.eventLoop = eventLoop
        self.tcp = tcp
        localAddress = local
        remoteAddress = remote
    }

    /// Takes over a connected TCP handle: reads its addresses, turns on `TCP_NODELAY`,
    /// stores itself in the handle, counts itself and starts reading. On a thrown error
    /// the handle is untouched and still the caller's.
    static func adopt(_ tcp: UnsafeMutablePointer<uv_tcp_t>, on eventLoop: EventLoop) throws(IOError) -> TCPConnection {
        let local = try SocketAddress.read(tcp, using: uv_tcp_getsockname)
        let remote = try SocketAddress.read(tcp, using: uv_tcp_getpeername)
        let status = uv_tcp_nodelay(tcp, 1)
        guard status == 0 else { throw IOError(status: status) }
        let connection = TCPConnection(eventLoop: eventLoop, tcp: tcp, local: local, remote: remote)
        retainOwner(connection, in: connection.handle)
        eventLoop.connectionCount += 1
        connection.startReading()
        return connection
    }

    /// Sends what is queued, then closes: no more reads are delivered and `write` refuses.
    /// `onClose` follows once the bytes are sent (nil) or `closeTimeout` passes
    /// (`IOError.timedOut`). Idempotent.
    public func close() {
        precondition(eventLoop.isOnLoopThread, "TCPConnection.close() called off the loop thread")
        guard state == .open else { return }
        state = .closing
        isWritableNotificationPending = false
        let request = UnsafeMutablePointer<uv_shutdown_t>.allocate(capacity: 1)
        let status = uv_shutdown(request, stream) { request, status in
            guard let request else { return }
            let stream = request.pointee.handle
            request.deallocate()
            guard let stream else { return }
            owner(of: castPointer(stream, to: uv_handle_t.self), as: TCPConnection.self).didShutDown(status: status)
        }
        guard status == 0 else {
            request.deallocate()
            closeHandle(error: nil)
            return
        }
        closeTimer = eventLoop.scheduleTimer(after: closeTimeout) { [weak self] in
            self?.closeHandle(error: .timedOut)
        }
    }

    /// Closes at once, dropping queued bytes; `onClose` follows with nil. Idempotent.
    public func abort() {
        precondition(eventLoop.isOnLoopThread, "TCPConnection.abort() called off the loop thread")
        closeHandle(error: nil)
    }

    func closeForShutdown() {
        closeHandle(error: .closed)
    }

    private func didShutDown(status: Int32) {
        guard state == .closing else { return }
        closeHandle(error: status < 0 && status != UV_ECANCELED.rawValue ? IOError(status: status) : nil)
    }

    /// Closes the handle (pending writes complete with `ECANCELED` first); the close
    /// callback reports `error` to `onClose`.
    func closeHandle(error: IOError?) {
        guard state != .closed else { return }
        state = .closed
        closeError = error
        isWritableNotificationPending = false
        closeTimer?.cancel()
        closeTimer = nil
        uv_close(handle) { handle in
            guard let handle else { return }
            let connection = releaseOwner(of: handle, as: TCPConnection.self)
            UnsafeMutableRawPointer(handle).deallocate()
            connection.didClose()
        }
    }

    private func didClose() {
        eventLoop.connectionCount -= 1
        eventLoop.counters.update { $0.connectionsClosed &+= 1 }
        let onClose = onClose
        self.onClose = { _ in }
        onRead = { _ in }
        onWritable = {}
        onClose(closeError)
    }
}
