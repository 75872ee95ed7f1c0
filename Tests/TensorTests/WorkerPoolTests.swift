import Dispatch
import Synchronization
import Testing
@testable import Tensor

/// The persistent pool: every chunk runs exactly once per job, jobs follow one another, and
/// callers on several threads at once (one runs on the pool, the others fall back) all finish.
@Suite struct WorkerPoolTests {
    @Test(arguments: [1, 3])
    func everyChunkRunsOncePerJob(_ workerCount: Int) {
        let pool = WorkerPool.shared(workerCount: workerCount)
        let counts = Mutex<[Int]>([Int](repeating: 0, count: workerCount + 1))
        for job in 0..<500 {
            let chunkCount = job % (workerCount + 1) + 1
            pool.run(chunkCount: chunkCount) { chunk in counts.withLock { $0[chunk] += 1 } }
        }
        let totals = counts.withLock { $0 }
        let expected = (0...workerCount).map { chunk in (0..<500).filter { $0 % (workerCount + 1) >= chunk }.count }
        #expect(totals == expected)
    }

    @Test func concurrentCallersAllFinish() {
        let pool = WorkerPool.shared(workerCount: 2)
        let total = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<200 {
                pool.run(chunkCount: 3) { _ in total.add(1, ordering: .relaxed) }
            }
        }
        #expect(total.load(ordering: .relaxed) == 4 * 200 * 3)
    }
}
