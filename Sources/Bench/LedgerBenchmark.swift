import Dispatch
import Foundation
import Ledger
import LedgerWorkload
import Sodium

/// `oln-bench ledger`: batches of mixed workload transactions applied to on-disk ledgers
/// (synchronous FULL, WAL) in a temporary directory.
///
/// The batches are drawn and signed first (``LedgerBenchmarkBatches``). Each batch's
/// envelopes are verified raw (libsodium's Ed25519 verify of every outer signature, one
/// core), then with `SignedMessage.verified` (decode, canonical check, verify) spread over
/// the cores. The verified batches are then applied back to back, timed until the last has
/// committed, on a ledger that commits each batch in the background while the next one
/// runs (as a node's does; the calling thread also hands the bucket hashing and the record
/// encoding of a large batch to a second one, and the process CPU time is reported beside
/// the wall time), and on one that commits each batch before `apply` returns. On a third
/// ledger the batches run as a pipeline: one thread verifies batch k+1 while the main
/// thread applies batch k, as a node verifies its mempool while it applies.
enum LedgerBenchmark {
    struct Sequential {
        var rawVerify = 0.0
        var verify = 0.0
        /// Applying every batch one after another, each committing in the background while
        /// the next one runs, until the last has committed.
        var apply = 0.0
        /// CPU seconds of the whole process during `apply` (every thread of the ledger's).
        var applyCPU = 0.0
        /// The same batches on a second ledger, each committed before `apply` returns.
        var applyCommittingEach = 0.0
        var failed = 0
    }

    static func run(arguments: [String]) {
        let batches = BenchSupport.option("--batches", in: arguments).flatMap(Int.init) ?? 10
        let transactions = BenchSupport.option("--transactions", in: arguments).flatMap(Int.init) ?? 10_000
        let accounts = BenchSupport.option("--accounts", in: arguments).flatMap(Int.init) ?? 10_000
        let seed = BenchSupport.option("--seed", in: arguments).flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        let warmUp = BenchSupport.option("--warm-up-batches", in: arguments).flatMap(Int.init) ?? 12
        guard batches > 0, (1...LedgerWorkload.transactionCountMax).contains(transactions),
              LedgerWorkload.accountCountRange.contains(accounts), warmUp >= 0 else {
            BenchSupport.print("ledger: --batches > 0, --transactions 1...\(LedgerWorkload.transactionCountMax), "
                               + "--accounts \(LedgerWorkload.accountCountRange), --warm-up-batches ≥ 0")
            exit(2)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oln-ledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            BenchSupport.print("ledger: seed \(seed) (replay with --seed \(seed)), \(accounts) accounts, "
                               + "\(batches) batches of \(transactions) transactions after \(warmUp) warm-up batches")
            let prepared = try LedgerBenchmarkBatches(seed: seed, accounts: accounts, warmUpCount: warmUp, count: batches,
                                                      transactions: transactions)
            let sequential = try runSequential(prepared, directory: directory)
            let pipelined = try runPipelined(prepared, path: directory.appendingPathComponent("pipelined.sqlite").path)
            report(prepared, sequential: sequential, pipelinedSeconds: pipelined)
        } catch {
            BenchSupport.print("ledger benchmark failed: \(error)")
            exit(1)
        }
    }

    /// Verifies every batch raw and in full, timing each, then applies the verified batches
    /// back to back: on a ledger that commits in the background (as a node's does), and on
    /// one that commits each batch before `apply` returns.
    private static func runSequential(_ prepared: LedgerBenchmarkBatches, directory: URL) throws -> Sequential {
        var totals = Sequential()
        var checked: [LedgerBatch] = []
        for batch in prepared.timed {
            let envelopes = batch.transactions.map(\.envelopeBytes)
            let signed = batch.transactions.flatMap(Self.signatures)
            var start = BenchSupport.seconds()
            for entry in signed where !entry.key.isValidSignature(entry.signature, for: entry.message) {
                throw LedgerError.invalidBatch("a workload signature does not verify")
            }
            totals.rawVerify += BenchSupport.seconds() - start
            start = BenchSupport.seconds()
            let verified = try ParallelVerifier.verify(envelopes, chainID: LedgerWorkload.chainID)
            totals.verify += BenchSupport.seconds() - start
            checked.append(LedgerBatch(height: batch.height, time: batch.time, leader: batch.leader, preverified: verified))
        }
        let background = try prepared.warmLedger(at: directory.appendingPathComponent("background.sqlite").path,
                                                 commitInBackground: true)
        var start = BenchSupport.seconds()
        let startCPU = Self.processCPUSeconds()
        for batch in checked {
            totals.failed += try background.apply(batch).outcomes.filter { $0 != .applied }.count
        }
        try background.finishPendingCommit()
        totals.apply = BenchSupport.seconds() - start
        totals.applyCPU = Self.processCPUSeconds() - startCPU
        let committingEach = try prepared.warmLedger(at: directory.appendingPathComponent("sequential.sqlite").path,
                                                     commitInBackground: false)
        start = BenchSupport.seconds()
        for batch in checked { _ = try committingEach.apply(batch) }
        totals.applyCommittingEach = BenchSupport.seconds() - start
        guard committingEach.stateRoot == background.stateRoot else {
            throw LedgerError.invalidBatch("the two ledgers reached different state roots")
        }
        return totals
    }

    /// Every signature a transaction carries, with its key and signed bytes: the sender's,
    /// and a receipt's nested fee authorisation. Raw verification checks all of them, as
    /// full verification does.
    private static func signatures(of transaction: SignedTransaction) -> [(key: Ed25519PublicKey, signature: [UInt8], message: [UInt8])] {
        var result = [(key: transaction.signer, signature: transaction.signature,
                       message: transaction.body.signingBytes(chainID: LedgerWorkload.chainID))]
        if case .inferenceReceipt(let receipt) = transaction.body.kind,
           let authorization = try? SignedMessage<FeeAuthorization>.verified(receipt.clientAuthorization,
                                                                              chainID: LedgerWorkload.chainID) {
            result.append((authorization.signer, authorization.signature,
                           authorization.body.signingBytes(chainID: LedgerWorkload.chainID)))
        }
        return result
    }

    /// Applies the batches while a second thread verifies the next one; returns the wall time.
    private static func runPipelined(_ prepared: LedgerBenchmarkBatches, path: String) throws -> Double {
        let ledger = try prepared.warmLedger(at: path, commitInBackground: true)
        let envelopes = prepared.timed.map { $0.transactions.map(\.envelopeBytes) }
        let queue = DispatchQueue(label: "oln-bench.ledger.verify")
        let start = BenchSupport.seconds()
        var next = PendingVerification(envelopes[0], chainID: LedgerWorkload.chainID, on: queue)
        for (index, batch) in prepared.timed.enumerated() {
            let verified = try next.wait()
            if index + 1 < envelopes.count { next = PendingVerification(envelopes[index + 1], chainID: LedgerWorkload.chainID,
                                                                       on: queue) }
            _ = try ledger.apply(LedgerBatch(height: batch.height, time: batch.time, leader: batch.leader,
                                             preverified: verified))
        }
        try ledger.finishPendingCommit()
        return BenchSupport.seconds() - start
    }

    private static func report(_ prepared: LedgerBenchmarkBatches, sequential: Sequential, pipelinedSeconds: Double) {
        let count = Double(prepared.transactionCount)
        let applyRate = count / sequential.apply
        let withVerification = count / (sequential.verify + sequential.apply)
        let pipelined = count / pipelinedSeconds
        let raw = count / sequential.rawVerify
        let signatures = count + Double(prepared.receiptCount)
        let threads = ParallelVerifier.threadCount
        BenchSupport.print("transactions:                  \(prepared.transactionCount) (\(sequential.failed) failed in the state machine), "
                           + "drawn and signed in \(BenchSupport.format(prepared.drawingSeconds)) s, untimed")
        BenchSupport.print("apply, signatures checked before: \(BenchSupport.format(applyRate, decimals: 0)) tx/s (target ≥ 50000), "
                           + "\(prepared.receiptCount) receipts' fee authorisations were verified beforehand too; "
                           + "each batch commits in the background while the next one runs, as in a node")
        BenchSupport.print("apply, each batch committed before the next: "
                           + "\(BenchSupport.format(count / sequential.applyCommittingEach, decimals: 0)) tx/s")
        let batches = Double(prepared.timed.count)
        BenchSupport.print("apply per CPU second:          \(BenchSupport.format(count / sequential.applyCPU, decimals: 0)) tx/s "
                           + "(process CPU while applying: \(BenchSupport.format(sequential.applyCPU * 1000 / batches)) ms "
                           + "per batch, wall \(BenchSupport.format(sequential.apply * 1000 / batches)) ms)")
        BenchSupport.print("verify, then apply:            \(BenchSupport.format(withVerification, decimals: 0)) tx/s "
                           + "(PreverifiedTransaction.verify on \(threads) threads, then apply on one)")
        BenchSupport.print("verify next while applying:    \(BenchSupport.format(pipelined, decimals: 0)) tx/s "
                           + "(one thread verifies batch k+1 while batch k applies)")
        BenchSupport.print("raw Ed25519 verify:            \(BenchSupport.format(raw, decimals: 0)) tx/s, "
                           + "\(BenchSupport.format(signatures / sequential.rawVerify, decimals: 0)) signatures/s "
                           + "(libsodium on the same signatures, nested ones included, one core)")
        BenchSupport.print("verify, then apply / raw:      \(BenchSupport.format(withVerification / raw, decimals: 2)) (target ≥ 0.80)")
        BenchSupport.print("verify next while applying / raw: \(BenchSupport.format(pipelined / raw, decimals: 2)) (target ≥ 0.80)")
    }


    /// CPU seconds this process has used, all threads together.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
