import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads that stay alive between products, so that spreading a decode-sized product (tens
/// of microseconds) over the cores costs a store and a few loads rather than a dispatch.
///
/// One pool per worker count serves the whole process (`shared(workerCount:)`); its threads
/// are never stopped, as OpenBLAS's are not. A job is `chunkCount` calls of a body; the
/// caller and the workers claim chunk indices from one atomic word, so a worker that the
/// system has not scheduled (the cores are shared) leaves its chunks to the others instead of
/// holding the job up. Which thread computes a chunk never changes its result.
///
/// The claim word holds the job's number, its chunk count and the next chunk index
/// (job << 16 | count << 8 | next). A thread reads the job's body only after claiming one of
/// its chunks: the caller cannot finish the job, and so cannot publish another body, before
/// that chunk is done.
///
/// Waiting: a worker spins on the job counter for `spinLimit` loads, then yields the core for
/// `yieldLimit` rounds, then sleeps on a condition variable until the next job (at once
/// after `park()`, which callers use before OpenBLAS runs its own threads); the caller
/// spins (yielding after `spinLimit` loads) until every chunk is done. One job runs at a time:
/// a caller that finds the pool busy (another thread's product, or a product started from
/// inside a job) runs its chunks with DispatchQueue.concurrentPerform instead.
final class WorkerPool: @unchecked Sendable {
    /// The number of threads besides the caller.
    let workerCount: Int

    /// Loads of the job counter a waiting thread makes before it starts yielding the core.
    static let spinLimit = 20_000
    /// Yields a worker makes before it sleeps until the next job.
    static let yieldLimit = 16
    /// The most workers a pool may have (a job's chunk count fits the claim word's 8 bits).
    static let workerCountMaximum = 254

    /// Jobs published so far; a worker looks for chunks once it sees the counter change.
    private let published = Atomic<Int>(0)
    /// job << 16 | chunk count << 8 | next chunk index, for the current job.
    private let claims = Atomic<Int>(0)
    /// Chunks of the current job not yet finished.
    private let unfinished = Atomic<Int>(0)
    /// Workers asleep on `condition` (or about to be).
    private let sleepers = Atomic<Int>(0)
    /// Set by `park()`: waiting workers stop spinning and sleep until the next job.
    private let isParked = Atomic<Bool>(false)
    /// Whether a job runs (claimed by its caller).
    private let isRunning = Atomic<Bool>(false)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// The current job's body: written only while no chunk of a job is outstanding, read
    /// only by a thread holding a claimed chunk.
    nonisolated(unsafe) private var body: ((Int) -> Void)?

    private static let pools = Mutex<[Int: WorkerPool]>([:])

    /// The process's pool of `workerCount` threads, started on first use.
    static func shared(workerCount: Int) -> WorkerPool {
        precondition(workerCount > 0 && workerCount <= workerCountMaximum, "worker count outside 1...254")
        return pools.withLock { pools in
            if let pool = pools[workerCount] { return pool }
            let pool = WorkerPool(workerCount: workerCount)
            pools[workerCount] = pool
            return pool
        }
    }

    private init(workerCount: Int) {
        self.workerCount = workerCount
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for _ in 0..<workerCount { start() }
    }

    /// Calls `body(k)` for k in 0..<chunkCount (at most workerCount + 1), concurrently, and
    /// returns when every call has. `body` must be safe to call from several threads at once.
    func run(chunkCount count: Int, _ body: (Int) -> Void) {
        precondition(count > 0 && count <= workerCount + 1, "\(count) chunks for \(workerCount + 1) threads")
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            guard isRunning.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
                DispatchQueue.concurrentPerform(iterations: count) { work($0) }
                return
            }
            self.body = work
            isParked.store(false, ordering: .relaxed)
            unfinished.store(count, ordering: .relaxed)
            let job = published.load(ordering: .relaxed) &+ 1
            claims.store((job & 0xffff_ffff) << 16 | count << 8, ordering: .releasing)
            published.store(job, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
            runChunks(of: job)
            waitForChunks()
            self.body = nil
            isRunning.store(false, ordering: .releasing)
        }
    }

    /// Sends waiting workers to sleep now rather than after their spin: called before work
    /// that brings its own threads (OpenBLAS), which spinning workers would take cores from.
    func park() {
        if !isParked.load(ordering: .relaxed) { isParked.store(true, ordering: .relaxed) }
    }

    /// Claims and runs chunks of job `job` until none is left to claim.
    private func runChunks(of job: Int) {
        var word = claims.load(ordering: .acquiring)
        while word >> 16 == job & 0xffff_ffff, word & 0xff < (word >> 8) & 0xff {
            let (exchanged, original) = claims.compareExchange(expected: word, desired: word + 1,
                                                               ordering: .acquiringAndReleasing)
            guard exchanged else {
                word = original
                continue
            }
            body?(word & 0xff)
            unfinished.subtract(1, ordering: .releasing)
            word = claims.load(ordering: .acquiring)
        }
    }

    private func waitForChunks() {
        var spins = 0
        while unfinished.load(ordering: .acquiring) > 0 {
            spins += 1
            if spins > Self.spinLimit { sched_yield() }
        }
    }

    /// A worker's loop: wait for a job, help with its chunks.
    private func work() -> Never {
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            runChunks(of: seen)
        }
    }

    /// Waits until a job after `seen` is published and returns its number.
    private func waitForJob(after seen: Int) -> Int {
        for round in 0..<(Self.spinLimit + Self.yieldLimit) {
            let current = published.load(ordering: .acquiring)
            if current != seen { return current }
            if isParked.load(ordering: .relaxed) { break }
            if round >= Self.spinLimit { sched_yield() }
        }
        pthread_mutex_lock(mutex)
        sleepers.add(1, ordering: .sequentiallyConsistent)
        var current = published.load(ordering: .sequentiallyConsistent)
        while current == seen {
            pthread_cond_wait(condition, mutex)
            current = published.load(ordering: .sequentiallyConsistent)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
        return current
    }

    private func start() {
        let context = Unmanaged.passRetained(WorkerContext(pool: self)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            let worker = Unmanaged<WorkerContext>.fromOpaque(context!).takeRetainedValue()
            worker.pool.work()
        }, context)
        precondition(status == 0, "cannot start a worker thread (pthread_create: \(status))")
        pthread_detach(thread)
    }

    /// What a worker thread starts with.
    private final class WorkerContext: Sendable {
        let pool: WorkerPool
        init(pool: WorkerPool) { self.pool = pool }
    }
}
