import Foundation
import Ledger
import LedgerWorkload

/// `oln-bench ledger-apply --db PATH --seed S --batches N --transactions T [--accounts A]
/// [--seconds S]`: applies the seeded workload to the on-disk ledger at PATH (synchronous
/// FULL, WAL, opened as a node opens its own: each batch commits in the background while
/// the next is drawn and run) from wherever it stands until it reaches height N, printing
/// each height as it is applied (the file may hold it a moment later).
/// The crash test runs it as a child process and kills it at random moments; it is not
/// listed in the usage text.
enum LedgerApplyCommand {
    static func run(arguments: [String]) {
        guard let path = BenchSupport.option("--db", in: arguments), let seed = BenchSupport.option("--seed", in: arguments).flatMap(UInt64.init),
              let batches = BenchSupport.option("--batches", in: arguments).flatMap(UInt64.init),
              let transactions = BenchSupport.option("--transactions", in: arguments).flatMap(Int.init),
              (0...LedgerWorkload.transactionCountMax).contains(transactions) else {
            FileHandle.standardError.write(Data(
                "usage: oln-bench ledger-apply --db PATH --seed S --batches N --transactions T [--accounts A] [--seconds S]\n".utf8))
            exit(2)
        }
        let accounts = BenchSupport.option("--accounts", in: arguments).flatMap(Int.init) ?? 32
        let seconds = BenchSupport.option("--seconds", in: arguments).flatMap(UInt64.init) ?? 20
        guard LedgerWorkload.accountCountRange.contains(accounts) else {
            FileHandle.standardError.write(Data("--accounts must lie in \(LedgerWorkload.accountCountRange)\n".utf8))
            exit(2)
        }
        do {
            var workload = LedgerWorkload(seed: seed, accountCount: accounts)
            let ledger = try LedgerDatabase(path: path, synchronous: .full, isSoleWriter: true, commitInBackground: true)
            try ledger.initialize(with: workload.genesis)
            while ledger.height < batches {
                let batch = try workload.nextBatch(ledger: ledger, transactionCount: transactions, secondsAfter: seconds)
                _ = try ledger.apply(batch)
                BenchSupport.print("height \(ledger.height)")
            }
            try ledger.finishPendingCommit()
        } catch {
            FileHandle.standardError.write(Data("ledger-apply failed: \(error)\n".utf8))
            exit(1)
        }
    }
}
