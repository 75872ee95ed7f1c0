import Foundation
import Ledger
import LedgerWorkload

/// The batches one `oln-bench ledger` run applies, drawn beforehand on an in-memory ledger
/// so that drawing and signing stay out of every timing, and so that verifying a batch can
/// overlap applying the one before.
struct LedgerBenchmarkBatches {
    let genesis: Genesis
    /// Smaller batches that give the datanets accepted contributions, adapters and receipts
    /// before the timing starts.
    let warmUp: [LedgerBatch]
    let timed: [LedgerBatch]
    /// Seconds spent drawing and signing the timed batches.
    let drawingSeconds: Double

    /// Seconds of slot time between batches: curation windows span 3 to 9 batches.
    static let secondsPerBatch: UInt64 = 20

    init(seed: UInt64, accounts: Int, warmUpCount: Int, count: Int, transactions: Int) throws {
        var workload = LedgerWorkload(seed: seed, accountCount: accounts)
        genesis = workload.genesis
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: genesis)
        var warmUp: [LedgerBatch] = []
        for _ in 0..<warmUpCount {
            let batch = try workload.nextBatch(ledger: ledger, transactionCount: max(transactions / 5, 1),
                                               secondsAfter: Self.secondsPerBatch)
            _ = try ledger.apply(batch)
            warmUp.append(batch)
        }
        var timed: [LedgerBatch] = []
        var drawingSeconds = 0.0
        for _ in 0..<count {
            let start = BenchSupport.seconds()
            let batch = try workload.nextBatch(ledger: ledger, transactionCount: transactions, secondsAfter: Self.secondsPerBatch)
            drawingSeconds += BenchSupport.seconds() - start
            _ = try ledger.apply(batch)
            timed.append(batch)
        }
        self.warmUp = warmUp
        self.timed = timed
        self.drawingSeconds = drawingSeconds
    }

    /// A ledger at `path` (synchronous FULL, WAL, the file's only writer) with genesis and
    /// the warm-up batches applied; with `commitInBackground`, as a node opens its own. The
    /// file system's dirty pages are then written out (`sync`), so that no writeback of
    /// the warm-up, or of an earlier run, falls into the timed batches.
    func warmLedger(at path: String, commitInBackground: Bool) throws -> LedgerDatabase {
        let ledger = try LedgerDatabase(path: path, synchronous: .full, isSoleWriter: true,
                                        commitInBackground: commitInBackground)
        try ledger.initialize(with: genesis)
        for batch in warmUp { _ = try ledger.apply(batch) }
        try ledger.finishPendingCommit()
        sync()
        return ledger
    }

    /// The timed transactions.
    var transactionCount: Int {
        timed.reduce(0) { $0 + $1.transactions.count }
    }

    /// The timed inference receipts: each verifies its client's fee authorisation while it
    /// is applied.
    var receiptCount: Int {
        timed.reduce(0) { total, batch in
            total + batch.transactions.filter { if case .inferenceReceipt = $0.body.kind { true } else { false } }.count
        }
    }
}
