import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The compute backend on this machine's cores: OpenBLAS for F32 products, the SIMD row dot
/// products for stored rows of other types, and the elementwise kernels, each spread over
/// `threadCount` threads by rows (the caller and a `WorkerPool` of threadCount − 1 threads
/// that outlive the call) where the work is large enough to pay for it.
///
/// Every output element is computed by one worker in a fixed order, so results do not
/// depend on the thread count, except F32 products, which OpenBLAS computes with its own
/// threads (deterministic for a given OpenBLAS thread count: OpenBLAS starts with one per
/// core, and `setBLASThreadCount` changes that for the whole process).
public struct CPUBackend: ComputeBackend {
    /// The number of workers.
    public let threadCount: Int
    /// Elements of the Float panel a non-F32 matrix is expanded into for a many-token product.
    let panelElementMaximum: Int
    /// The threads besides the caller's (nil for one thread): the process's pool of that size.
    let workers: WorkerPool?

    /// Multiply-adds a worker is given at least, below which work is not split.
    static let chunkWorkMinimum = 32_768
    /// The most tokens of an attention call that run on the pool (decoding steps); longer
    /// calls (prompt chunks) use DispatchQueue.concurrentPerform between OpenBLAS calls.
    static let pooledTokenCountMaximum = 1
    /// Rows an integer product runs through every token before it moves on.
    static let integerRowGroup = 16
    /// The default panel size: 4 MiB of Floats.
    static let panelElementMaximumDefault = 1 << 20

    public var name: String { "cpu(\(threadCount) threads, OpenBLAS \(BLAS.threadCount))" }

    /// A backend with `threadCount` workers (default: one per online core).
    public init(threadCount: Int = CPUBackend.coreCount) {
        self.init(threadCount: threadCount, panelElementMaximum: Self.panelElementMaximumDefault)
    }

    /// A backend with a chosen panel size (tests use small panels to cover the panel loop).
    init(threadCount: Int, panelElementMaximum: Int) {
        precondition(threadCount > 0, "a backend needs at least one thread")
        precondition(panelElementMaximum > 0, "a panel holds at least one element")
        self.threadCount = threadCount
        self.panelElementMaximum = panelElementMaximum
        workers = threadCount > 1 ? WorkerPool.shared(workerCount: threadCount - 1) : nil
    }

    /// The number of online cores.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Sets the threads OpenBLAS uses for F32 products, process-wide. Call it before products
    /// run, not while they do.
    public static func setBLASThreadCount(_ count: Int) {
        precondition(count > 0, "OpenBLAS needs at least one thread")
        BLAS.setThreadCount(count)
    }

    /// Calls `body` with the rows of each chunk of `partition`, concurrently when there are
    /// several chunks, and returns when all have finished: on the calling thread and
    /// `workers` for decode-sized work (`pooled`), else with DispatchQueue.concurrentPerform
    /// after parking the workers (prompt-sized work interleaves with OpenBLAS's threads, which
    /// spinning workers would compete with on shared cores). `body` may run on several threads
    /// at once: each call must write only what its own rows own. (That is the whole contract
    /// that makes handing the non-Sendable closure to the workers safe.)
    func forEachChunk(_ partition: RowPartition, pooled: Bool = true, _ body: (Range<Int>) -> Void) {
        if partition.chunkCount == 1 {
            body(0..<partition.count)
            return
        }
        guard pooled, let pool = workers else {
            workers?.park()
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let work = body
                DispatchQueue.concurrentPerform(iterations: partition.chunkCount) { work(partition.rows(ofChunk: $0)) }
            }
            return
        }
        pool.run(chunkCount: partition.chunkCount) { body(partition.rows(ofChunk: $0)) }
    }

    /// A partition of `rows` rows that each cost `rowWork` multiply-adds.
    func partition(rows: Int, rowWork: Int) -> RowPartition {
        RowPartition(count: rows, workers: threadCount, minimumRows: max(1, Self.chunkWorkMinimum / max(rowWork, 1)))
    }
}
