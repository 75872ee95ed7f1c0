import Dispatch
import Synchronization

/// Serves concurrent generation requests over one model with continuous batching: every
/// step runs one token for every active request in a single `decodeBatch` (each request with
/// its own adapter, state and position); waiting requests are prefilled and join the batch
/// at step boundaries, and finished ones leave it at once, so the batch changes from step to
/// step.
///
///     let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(batchCapacity: 32))
///     Thread { scheduler.run() }.start()                       // or call step() yourself
///     try scheduler.submit(GenerationRequest(prompt: ids, adapter: adapter),
///                          onToken: { token in print(token); return true },
///                          onFinish: { result in … })
///     scheduler.stop()
///
/// Each request's tokens and stop reason are those `LlamaModel.generate` gives for it alone,
/// up to the rounding of batched products (`decodeBatch`).
///
/// Threads: `submit`, `stop`, `statistics` and the counts may be called from any thread.
/// `step` (and `run`, which calls it) hold the loop's lock while they compute, so steps never
/// overlap; the callbacks run on the thread that runs the step and must not call `step` or
/// `run` (they may call `submit`).
public final class BatchScheduler: Sendable {
    /// The model every request runs on.
    public let model: LlamaModel
    /// The bounds.
    public let limits: SchedulerLimits
    private let inbox = Mutex(SchedulerInbox())
    private let loop: Mutex<SchedulerLoop>
    private let wakeUp = DispatchSemaphore(value: 0)

    /// A scheduler for `model`; every limit must be positive (programmer error otherwise).
    public init(model: LlamaModel, limits: SchedulerLimits = SchedulerLimits()) {
        precondition(limits.isValid, "scheduler limits must be positive")
        self.model = model
        self.limits = limits
        loop = Mutex(SchedulerLoop(workspace: model.makeBatchWorkspace(capacity: limits.batchCapacity)))
    }

    /// Queues a request and returns its id. `onToken` receives each generated token as it is
    /// known not to belong to a stop sequence (return false to cancel the request);
    /// `onFinish` receives the result once, when the request ends.
    ///
    /// Throws, without queueing, `.queueFull` when `limits.queueCapacity` requests are
    /// waiting, `.stopped` after `stop()`, and `.invalidRequest` for a request that could
    /// never run (its lease, if any, is released then).
    @discardableResult
    public func submit(_ request: GenerationRequest, onToken: @escaping @Sendable (Int) -> Bool = { _ in true },
                       onFinish: @escaping @Sendable (Result<GenerationResult, OpenLoRAError>) -> Void)
        throws(SchedulerRefusal) -> UInt64 {
        let capacity: Int
        do {
            capacity = try contextCapacity(checking: request)
        } catch {
            request.lease?.release()
            throw .invalidRequest(error)
        }
        let make = { (id: UInt64) in
            ScheduledRequest(id: id, request: request, contextCapacity: capacity, onToken: onToken, onFinish: onFinish)
        }
        let queueCapacity = limits.queueCapacity
        let id = try inbox.withLock { (inbox) throws(SchedulerRefusal) -> UInt64 in
            try inbox.enqueue(make, capacity: queueCapacity)
        }
        wakeUp.signal()
        return id
    }

    /// Runs one step: admits waiting requests (prefilling each prompt, which yields its first
    /// token), then decodes one token for every active request in one batch, and retires the
    /// requests that ended.
    @discardableResult
    public func step() -> SchedulerStepReport {
        loop.withLock { loop in
            var report = SchedulerStepReport()
            let room = min(limits.batchCapacity - loop.active.count, limits.admissionsPerStepMaximum)
            let admitted = inbox.withLock { $0.take(room) }
            var prefilled = 0
            for scheduled in admitted {
                prefilled += scheduled.request.prompt.count
                if let request = admit(scheduled) { loop.active.append(request) } else { report.finishedCount += 1 }
            }
            report.admittedCount = admitted.count
            let batch = loop.active.count
            if batch > 0 { report.finishedCount += decodeStep(&loop) }
            report.decodedCount = batch
            report.activeCount = loop.active.count
            let finished = report.finishedCount
            report.queuedCount = inbox.withLock { inbox in
                inbox.statistics.record(prefilledTokens: prefilled, batch: batch, finished: finished)
                return inbox.queuedCount
            }
            return report
        }
    }

    /// Steps while there is work and sleeps while there is none, until `stop()`; then ends
    /// every request still waiting or active as cancelled and returns. Run it on a thread of
    /// its own.
    public func run() {
        while !inbox.withLock({ $0.isStopping }) {
            if step().isIdle { wakeUp.wait() }
        }
        let waiting = inbox.withLock { $0.stop() }
        for scheduled in waiting { scheduled.finish(.success(GenerationResult(tokens: [], stopReason: .cancelled))) }
        let active = loop.withLock { loop in
            defer { loop.active.removeAll() }
            return loop.active.map { ($0.scheduled, $0.cancelled()) }
        }
        for (scheduled, result) in active { scheduled.finish(.success(result)) }
        inbox.withLock { $0.statistics.finishedCount += waiting.count + active.count }
    }

    /// Refuses new requests from now on and makes `run()` return after its current step.
    public func stop() {
        inbox.withLock { $0.beginStopping() }
        wakeUp.signal()
    }

    /// The counters now.
    public var statistics: SchedulerStatistics { inbox.withLock { $0.statistics } }

    /// Requests waiting to join the batch.
    public var queuedCount: Int { inbox.withLock { $0.queuedCount } }
}
