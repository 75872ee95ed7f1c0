import CLibUV
import Foundation

/// The thread-specific key that marks the thread running an event loop.
private let currentLoopKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
}()

/// One libuv loop, run on one thread, that owns a node's sockets, timers and worker jobs.
///
/// Every handle is touched only on the loop thread: `scheduleTimer`, `submit`, `listen`,
/// `connect` and everything on `TimerHandle`, `TCPListener` and `TCPConnection` must be
/// called there (a precondition checks it). Other threads reach the loop with `execute`,
/// which queues a closure and wakes the loop through a `uv_async_t`.
public final class EventLoop: @unchecked Sendable {
    /// The default bound of `execute`'s queue.
    public static let defaultPendingClosureCountMax = 65_536
    /// The default bound of open and connecting TCP connections.
    public static let defaultConnectionCountMax = 4_096
    /// Bytes read from a socket at once (one buffer shared by every connection).
    public static let readBufferByteCount = 65_536

    /// Closures queued by `execute` and not yet run; more are refused.
    public let pendingClosureCountMax: Int
    /// Open plus connecting TCP connections; more are refused (`connectionLimitReached`).
    public let connectionCountMax: Int

    let loop: UnsafeMutablePointer<uv_loop_t>
    private let wakeup: UnsafeMutablePointer<uv_async_t>
    /// The read buffer that every connection's reads land in before they are copied out.
    let readBuffer: UnsafeMutableRawBufferPointer
    let counters = StatisticsCounters()
    private let origin: UInt64

    /// Guards `phase` and `pendingClosures`, and wakes threads waiting in `stop()`.
    private let condition = NSCondition()
    private var phase = LoopPhase.idle
    private var pendingClosures: [@Sendable () -> Void] = []

    /// Loop thread only: set once shutdown has begun; new handles are refused.
    var isShuttingDown = false
    /// Loop thread only: open plus connecting TCP connections.
    var connectionCount = 0

    /// A write to a socket whose peer has gone raises SIGPIPE, which ends the process by
    /// default; a network process must get EPIPE from the write instead (libuv reports it as
    /// a write error and the connection closes). Set once, process-wide, by the first loop.
    static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Creates a loop; it runs once `run()` or `start()` is called.
    public init(
        pendingClosureCountMax: Int = EventLoop.defaultPendingClosureCountMax,
        connectionCountMax: Int = EventLoop.defaultConnectionCountMax
    ) throws(IOError) {
        precondition(pendingClosureCountMax > 0 && connectionCountMax > 0, "limits must be positive")
        _ = Self.brokenPipesIgnored
        self.pendingClosureCountMax = pendingClosureCountMax
        self.connectionCountMax = connectionCountMax
        loop = .allocate(capacity: 1)
        wakeup = .allocate(capacity: 1)
        readBuffer = .allocate(byteCount: Self.readBufferByteCount, alignment: 16)
        origin = uv_hrtime()
        let status = uv_loop_init(loop)
        guard status == 0 else {
            phase = .stopped
            throw IOError(status: status)
        }
        let asyncStatus = uv_async_init(loop, wakeup, EventLoop.wakeupCallback)
        precondition(asyncStatus == 0, "uv_async_init failed: \(asyncStatus)")
        uv_loop_set_data(loop, Unmanaged.passUnretained(self).toOpaque())
        uv_handle_set_data(castPointer(wakeup, to: uv_handle_t.self), Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        if phase == .idle {
            closeWithoutRunning()
        }
        loop.deallocate()
        wakeup.deallocate()
        readBuffer.deallocate()
    }

    /// Whether the calling thread is the one running this loop.
    public var isOnLoopThread: Bool {
        pthread_getspecific(currentLoopKey) == Unmanaged.passUnretained(self).toOpaque()
    }

    /// Monotonic time since the loop was created (`uv_hrtime`), for sans-IO machines.
    /// Readable from any thread.
    public var now: Duration {
        .nanoseconds(uv_hrtime() &- origin)
    }

    /// The traffic counters so far. Readable from any thread.
    public var statistics: IOStatistics {
        counters.snapshot
    }

    /// Runs the loop on the calling thread until `stop()`, then closes every handle and
    /// the loop. Returns at once if the loop was already stopped; calling it while the
    /// loop runs is a programmer error.
    public func run() {
        let shouldRun: Bool = withConditionLock {
            precondition(phase != .running, "EventLoop.run() called while the loop runs")
            guard phase == .idle else { return false }
            phase = .running
            return true
        }
        guard shouldRun else { return }
        let previous = pthread_getspecific(currentLoopKey)
        pthread_setspecific(currentLoopKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(currentLoopKey, previous) }
        uv_run(loop, UV_RUN_DEFAULT)
        closeLoop()
        withConditionLock { phase = .stopped }
    }

    /// Runs the loop on a new thread and returns once the loop is running.
    @discardableResult
    public func start() -> Thread {
        let thread = Thread { [self] in run() }
        thread.name = "oln.io.event-loop"
        thread.start()
        condition.lock()
        while phase == .idle {
            condition.wait()
        }
        condition.unlock()
        return thread
    }

    /// Queues `work` to run on the loop thread, in the order of calls, and wakes the loop.
    /// Thread-safe. Returns false, dropping `work`, once the loop is stopping or when
    /// `pendingClosureCountMax` closures are already waiting.
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        withConditionLock {
            guard phase == .idle || phase == .running else { return false }
            guard pendingClosures.count < pendingClosureCountMax else { return false }
            pendingClosures.append(work)
            uv_async_send(wakeup)
            return true
        }
    }

    /// Stops the loop: queued closures still run, then every handle is closed (connections
    /// report `IOError.closed`) and the loop is closed. Thread-safe and idempotent. Called
    /// from another thread it waits until the loop has stopped; called on the loop thread
    /// it returns at once and the loop stops after the current callback.
    public func stop() {
        let closeHere: Bool = withConditionLock {
            switch phase {
            case .idle:
                phase = .stopping
                pendingClosures = []
                return true
            case .running:
                phase = .stopping
                uv_async_send(wakeup)
                return false
            case .stopping, .stopped:
                return false
            }
        }
        if closeHere {
            closeWithoutRunning()
            withConditionLock { phase = .stopped }
            return
        }
        guard !isOnLoopThread else { return }
        condition.lock()
        while phase != .stopped {
            condition.wait()
        }
        condition.unlock()
    }

    /// Runs `body` holding the condition lock and wakes every waiter afterwards.
    private func withConditionLock<Result>(_ body: () -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }

    /// Runs the closures queued by `execute`, then begins shutdown if `stop()` was called.
    private func drainPendingClosures() {
        let (closures, stopping): ([@Sendable () -> Void], Bool) = withConditionLock {
            let closures = pendingClosures
            pendingClosures = []
            return (closures, phase == .stopping)
        }
        for closure in closures {
            closure()
        }
        if stopping && !isShuttingDown {
            beginShutdown()
        }
    }

    private static let wakeupCallback: uv_async_cb = { async in
        guard let async, let data = uv_handle_get_data(castPointer(async, to: uv_handle_t.self)) else { return }
        Unmanaged<EventLoop>.fromOpaque(data).takeUnretainedValue().drainPendingClosures()
    }

    /// Whether `handle` is this loop's wake-up handle.
    func isWakeup(_ handle: UnsafeMutablePointer<uv_handle_t>) -> Bool {
        OpaquePointer(handle) == OpaquePointer(wakeup)
    }

    /// Closes the wake-up handle and the loop of a loop that never ran.
    private func closeWithoutRunning() {
        uv_close(castPointer(wakeup, to: uv_handle_t.self), nil)
        closeLoop()
    }
}
