import Testing

/// The seeds of one simulation test whose every check held: a long run
/// (`OLN_CONSENSUS_SEEDS=2000`) prints "N of M seeds passed" per test, and the first failing
/// seeds to replay.
struct ConsensusSeedTally {
    let test: String
    private(set) var passed = 0
    private(set) var failed: [UInt64] = []
    private var currentHolds = true

    init(test: String) {
        self.test = test
    }

    /// Records an issue at the caller when `condition` fails, and marks the current seed failed.
    mutating func check(_ condition: Bool, _ comment: @autoclosure () -> String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        guard !condition else { return }
        currentHolds = false
        Issue.record(Comment(rawValue: comment()), sourceLocation: sourceLocation)
    }

    /// Ends the current seed.
    mutating func finish(seed: UInt64) {
        if currentHolds { passed += 1 } else { failed.append(seed) }
        currentHolds = true
    }

    /// Prints the count.
    func report() {
        let replay = failed.isEmpty ? "" : "; replay the first with OLN_CONSENSUS_SEED=\(failed[0]) OLN_CONSENSUS_SEEDS=1"
        print("\(test): \(passed) of \(passed + failed.count) seeds passed\(replay)")
    }
}
