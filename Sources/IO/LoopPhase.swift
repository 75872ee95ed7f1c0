/// Where an event loop is in its life; guarded by the loop's condition lock.
enum LoopPhase: Sendable {
    /// Created, not yet running: `execute` queues closures for the first iteration.
    case idle
    /// `run()` is inside `uv_run`.
    case running
    /// `stop()` was called: new closures are refused, handles are being closed.
    case stopping
    /// `uv_loop_close` has succeeded; nothing runs any more.
    case stopped
}
