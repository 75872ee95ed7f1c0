import CLibUV

/// A scheduled timer, created by `EventLoop.scheduleTimer`. Loop thread only.
///
/// The loop keeps an active timer alive; dropping the handle does not cancel it.
public final class TimerHandle: @unchecked Sendable, LoopHandleOwner {
    /// The loop the timer runs on.
    public let eventLoop: EventLoop
    private let timer: UnsafeMutablePointer<uv_timer_t>?
    private let isRepeating: Bool
    private var body: (() -> Void)?

    /// Whether the timer will still fire: false once a one-shot timer has fired or the
    /// timer was cancelled.
    public private(set) var isActive: Bool

    /// A timer that never fires (scheduled while the loop shuts down).
    init(inactiveOn eventLoop: EventLoop) {
        self.eventLoop = eventLoop
        timer = nil
        isRepeating = false
        isActive = false
    }

    /// Starts a libuv timer that runs `body` after `delay`, then every `interval` if given.
    init(eventLoop: EventLoop, after delay: Duration, repeating interval: Duration?, body: @escaping () -> Void) {
        let timer = UnsafeMutablePointer<uv_timer_t>.allocate(capacity: 1)
        let status = uv_timer_init(eventLoop.loop, timer)
        precondition(status == 0, "uv_timer_init failed: \(status)")
        self.eventLoop = eventLoop
        self.timer = timer
        self.body = body
        isRepeating = interval != nil
        isActive = true
        retainOwner(self, in: castPointer(timer, to: uv_handle_t.self))
        let repeatMilliseconds = interval.map { max($0.roundedUpMilliseconds, 1) } ?? 0
        // libuv counts from the loop's cached time in whole milliseconds, truncated: refresh
        // it and add one millisecond so that a timer never fires before `delay` has passed.
        uv_update_time(eventLoop.loop)
        let (delayMilliseconds, overflow) = delay.roundedUpMilliseconds.addingReportingOverflow(delay > .zero ? 1 : 0)
        uv_timer_start(timer, TimerHandle.fireCallback, overflow ? .max : delayMilliseconds, repeatMilliseconds)
    }

    /// Stops the timer; its body will not run again. Idempotent.
    public func cancel() {
        precondition(eventLoop.isOnLoopThread, "TimerHandle.cancel() called off the loop thread")
        close()
    }

    func closeForShutdown() {
        close()
    }

    private func close() {
        guard isActive, let timer else { return }
        isActive = false
        body = nil
        uv_timer_stop(timer)
        uv_close(castPointer(timer, to: uv_handle_t.self)) { handle in
            guard let handle else { return }
            releaseOwner(of: handle, as: TimerHandle.self)
            UnsafeMutableRawPointer(handle).deallocate()
        }
    }

    private func fire() {
        guard isActive, let body else { return }
        if !isRepeating {
            close()
        }
        body()
    }

    private static let fireCallback: uv_timer_cb = { timer in
        guard let timer else { return }
        owner(of: castPointer(timer, to: uv_handle_t.self), as: TimerHandle.self).fire()
    }
}
