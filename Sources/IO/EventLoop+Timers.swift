extension EventLoop {
    /// Runs `body` on the loop thread after `delay`, then every `interval` if one is given,
    /// until the returned handle is cancelled. Loop thread only. Timers count whole
    /// milliseconds and never fire early: a timer fires at least `delay` after this call,
    /// usually within a millisecond or two after it. Timers due at the same time fire in
    /// scheduling order.
    /// While the loop shuts down the timer is not scheduled and never fires.
    @discardableResult
    public func scheduleTimer(
        after delay: Duration,
        repeating interval: Duration? = nil,
        _ body: @escaping () -> Void
    ) -> TimerHandle {
        precondition(isOnLoopThread, "EventLoop.scheduleTimer called off the loop thread")
        precondition(delay >= .zero, "negative timer delay \(delay)")
        precondition(interval.map { $0 > .zero } ?? true, "repeating interval must be positive")
        guard !isShuttingDown else { return TimerHandle(inactiveOn: self) }
        return TimerHandle(eventLoop: self, after: delay, repeating: interval, body: body)
    }

    /// Runs `slice` once per loop iteration (after the iteration's due timers, before its
    /// poll for I/O, which does not block meanwhile), until it returns false or the
    /// returned handle is cancelled, so timers and reads are served between two slices.
    /// Loop thread only. Keep each slice short (a few milliseconds): nothing else on the
    /// loop runs during one. While the loop shuts down no slice runs.
    @discardableResult
    public func scheduleSlices(_ slice: @escaping () -> Bool) -> IdleHandle {
        precondition(isOnLoopThread, "EventLoop.scheduleSlices called off the loop thread")
        guard !isShuttingDown else { return IdleHandle(inactiveOn: self) }
        return IdleHandle(eventLoop: self, slice: slice)
    }

    /// Runs `body` on a later loop iteration, or at once while the loop shuts down
    /// (there is no later iteration then). Used to keep completions asynchronous.
    func runOnNextIteration(_ body: @escaping () -> Void) {
        if isShuttingDown {
            body()
        } else {
            scheduleTimer(after: .zero, body)
        }
    }
}
