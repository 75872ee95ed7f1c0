/// The part of a `BatchScheduler` that submitting threads touch, under its lock: the queue of
/// waiting requests, the stop flag and the counters.
struct SchedulerInbox {
    private(set) var queue: [ScheduledRequest] = []
    private var queueStart = 0
    private(set) var isStopping = false
    private var nextID: UInt64 = 0
    var statistics = SchedulerStatistics()

    /// Requests waiting.
    var queuedCount: Int { queue.count - queueStart }

    /// Adds a request unless the queue holds `capacity` or the scheduler is stopping.
    mutating func enqueue(_ make: (UInt64) -> ScheduledRequest, capacity: Int) throws(SchedulerRefusal) -> UInt64 {
        guard !isStopping else { throw .stopped }
        guard queuedCount < capacity else {
            statistics.refusedCount += 1
            throw .queueFull(queueCapacity: capacity)
        }
        let id = nextID
        nextID += 1
        queue.append(make(id))
        statistics.submittedCount += 1
        return id
    }

    /// Removes and returns up to `count` requests, oldest first.
    mutating func take(_ count: Int) -> [ScheduledRequest] {
        let end = queueStart + min(count, queuedCount)
        let taken = Array(queue[queueStart..<end])
        queueStart = end
        if queueStart == queue.count || queueStart > 1024 {
            queue.removeFirst(queueStart)
            queueStart = 0
        }
        return taken
    }

    /// Refuses requests from now on.
    mutating func beginStopping() {
        isStopping = true
    }

    /// Marks the scheduler stopping and returns every waiting request.
    mutating func stop() -> [ScheduledRequest] {
        isStopping = true
        return take(queuedCount)
    }
}
