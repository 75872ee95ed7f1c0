import Foundation
import Testing
@testable import Ledger
import LedgerWorkload
import TestSupport

/// A child process (`oln-bench ledger-apply`) applies workload batches to an on-disk
/// ledger and is killed with SIGKILL at random moments; each time the ledger reopens at a
/// whole batch whose root is the uninterrupted run's root at that height.
@Suite("Ledger crash recovery")
struct LedgerCrashTests {
    static let batchCount = 40
    static let transactionCount = 12
    static let accountCount = 16
    static let seconds: UInt64 = 20
    static let killCount = 6

    /// oln-bench, built by `swift build --build-tests` into the directory of the test bundle.
    static let benchBinary: URL? = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        return candidates.map { $0.appendingPathComponent("oln-bench") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test("a child killed at random moments always leaves a whole batch with the uninterrupted run's root",
          .enabled(if: benchBinary != nil, "oln-bench is not built next to the test bundle: run swift build --build-tests"))
    func killedChild() throws {
        let binary = try #require(Self.benchBinary)
        var generator = SeededGenerator.make(for: "LedgerCrashTests.killedChild")
        let seed = generator.next()
        let roots = try Self.uninterruptedRoots(seed: seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oln-ledger-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path
        var heights: [UInt64] = []
        for _ in 0..<Self.killCount {
            let target = (heights.last ?? 0) + UInt64.random(in: 1...6, using: &generator)
            let child = try Self.startChild(binary, path: path, seed: seed, output: Pipe())
            Self.waitForHeight(target, of: child)
            usleep(UInt32.random(in: 0...4_000, using: &generator))
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
            child.waitUntilExit()
            heights.append(try Self.checkReopened(path: path, roots: roots))
        }
        let child = try Self.startChild(binary, path: path, seed: seed, output: FileHandle.nullDevice)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "the last run of the child failed")
        heights.append(try Self.checkReopened(path: path, roots: roots))
        print("LedgerCrashTests: heights after each kill and at the end: \(heights)")
        #expect(heights.last == UInt64(Self.batchCount))
    }

    /// The state root after genesis and after each batch of an in-memory run.
    static func uninterruptedRoots(seed: UInt64) throws -> [[UInt8]] {
        var workload = LedgerWorkload(seed: seed, accountCount: accountCount)
        let ledger = try LedgerDatabase(path: ":memory:", synchronous: .normal)
        try ledger.initialize(with: workload.genesis)
        var roots = [ledger.stateRoot]
        for _ in 0..<batchCount {
            let batch = try workload.nextBatch(ledger: ledger, transactionCount: transactionCount, secondsAfter: seconds)
            roots.append(try ledger.apply(batch).stateRoot)
        }
        return roots
    }

    static func startChild(_ binary: URL, path: String, seed: UInt64, output: Any) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["ledger-apply", "--db", path, "--seed", "\(seed)", "--batches", "\(batchCount)",
                             "--transactions", "\(transactionCount)", "--accounts", "\(accountCount)",
                             "--seconds", "\(seconds)"]
        process.standardOutput = output
        try process.run()
        return process
    }

    /// Reads the child's `height N` lines until it reports `height` or its output ends.
    static func waitForHeight(_ height: UInt64, of child: Process) {
        guard let output = (child.standardOutput as? Pipe)?.fileHandleForReading else { return }
        var text = ""
        while true {
            let data = output.availableData
            guard !data.isEmpty else { return }
            text += String(decoding: data, as: UTF8.self)
            let reported = text.split(separator: "\n").compactMap { UInt64($0.dropFirst("height ".count)) }
            if let last = reported.last, last >= height { return }
        }
    }

    /// Opens the ledger the child left, checks it against `roots` and returns its height.
    static func checkReopened(path: String, roots: [[UInt8]]) throws -> UInt64 {
        let ledger = try LedgerDatabase(path: path)
        guard ledger.isInitialized else {
            #expect(ledger.height == 0, "a ledger without genesis has no batches")
            return 0
        }
        let height = ledger.height
        #expect(height < UInt64(roots.count))
        guard height < UInt64(roots.count) else { return height }
        #expect(ledger.stateRoot == roots[Int(height)], "the root at height \(height) is not the uninterrupted run's")
        #expect(try ledger.stateStore.recomputeRoot() == ledger.stateRoot, "the rows do not give the stored root")
        #expect(try ledger.stateRoot(atHeight: height) == roots[Int(height)])
        return height
    }
}
