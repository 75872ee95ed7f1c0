/// A job for libuv's worker pool: `work` runs on a pool thread, then `complete` on the
/// loop thread.
///
/// The pool thread and the loop thread hand the item over through libuv's pool mutex and
/// wake-up, so the item is never touched by two threads at once.
final class WorkItem: @unchecked Sendable {
    let work: @Sendable () -> Void
    let complete: () -> Void

    init(work: @escaping @Sendable () -> Void, complete: @escaping () -> Void) {
        self.work = work
        self.complete = complete
    }
}
