import Testing
import TestSupport
@testable import Tokenizers

/// The merge heap pops the lowest priority, then the leftmost.
@Suite struct MergeQueueTests {
    @Test func popsInOrder() {
        var generator = SeededGenerator.make(for: "popsInOrder")
        var queue = MergeQueue()
        var candidates: [MergeCandidate] = []
        for _ in 0..<300 {
            let candidate = MergeCandidate(priority: Int64.random(in: -5...5, using: &generator),
                                           left: Int.random(in: 0..<50, using: &generator), right: 0, result: 0)
            candidates.append(candidate)
            queue.push(candidate)
        }
        var popped: [(Int64, Int)] = []
        while let candidate = queue.pop() { popped.append((candidate.priority, candidate.left)) }
        let expected = candidates.map { ($0.priority, $0.left) }.sorted { $0 < $1 }
        #expect(popped.map(\.0) == expected.map(\.0))
        #expect(popped.map(\.1) == expected.map(\.1))
        #expect(queue.isEmpty)
    }
}
