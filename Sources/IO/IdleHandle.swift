import CLibUV

/// Work done in slices, one slice per loop iteration, created by
/// `EventLoop.scheduleSlices`. Loop thread only.
///
/// A libuv idle handle: while it is active the loop polls for I/O without blocking, runs
/// the timers and I/O callbacks that are due, then the next slice. Long work split into
/// slices this way never keeps timers or reads waiting for more than one slice.
///
/// The loop keeps an active handle alive; dropping the handle does not cancel it.
public final class IdleHandle: @unchecked Sendable, LoopHandleOwner {
    /// The loop the slices run on.
    public let eventLoop: EventLoop
    private let idle: UnsafeMutablePointer<uv_idle_t>?
    private var slice: (() -> Bool)?

    /// Whether more slices will run: false once a slice returned false or the handle was
    /// cancelled.
    public private(set) var isActive: Bool

    /// A handle that never runs (scheduled while the loop shuts down).
    init(inactiveOn eventLoop: EventLoop) {
        self.eventLoop = eventLoop
        idle = nil
        isActive = false
    }

    /// Starts a libuv idle handle that runs `slice` once per iteration while it returns true.
    init(eventLoop: EventLoop, slice: @escaping () -> Bool) {
        let idle = UnsafeMutablePointer<uv_idle_t>.allocate(capacity: 1)
        let status = uv_idle_init(eventLoop.loop, idle)
        precondition(status == 0, "uv_idle_init failed: \(status)")
        self.eventLoop = eventLoop
        self.idle = idle
        self.slice = slice
        isActive = true
        retainOwner(self, in: castPointer(idle, to: uv_handle_t.self))
        uv_idle_start(idle, IdleHandle.sliceCallback)
    }

    /// Stops the slices; none runs again. Idempotent.
    public func cancel() {
        precondition(eventLoop.isOnLoopThread, "IdleHandle.cancel() called off the loop thread")
        close()
    }

    func closeForShutdown() {
        close()
    }

    private func close() {
        guard isActive, let idle else { return }
        isActive = false
        slice = nil
        uv_idle_stop(idle)
        uv_close(castPointer(idle, to: uv_handle_t.self)) { handle in
            guard let handle else { return }
            releaseOwner(of: handle, as: IdleHandle.self)
            UnsafeMutableRawPointer(handle).deallocate()
        }
    }

    private func runSlice() {
        guard isActive, let slice else { return }
        if !slice() { close() }
    }

    private static let sliceCallback: uv_idle_cb = { idle in
        guard let idle else { return }
        owner(of: castPointer(idle, to: uv_handle_t.self), as: IdleHandle.self).runSlice()
    }
}
