/// A candidate merge of two adjacent symbols: `priority` orders candidates (smaller first,
/// then the leftmost), `left` and `right` are the symbols' indices, `result` what the merge
/// makes (a token id, or a byte count for score-ordered merges).
struct MergeCandidate: Sendable {
    var priority: Int64
    var left: Int
    var right: Int
    var result: Int

    func precedes(_ other: MergeCandidate) -> Bool {
        priority != other.priority ? priority < other.priority : left < other.left
    }
}

/// A binary min-heap of merge candidates.
struct MergeQueue: Sendable {
    private var heap: [MergeCandidate] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ candidate: MergeCandidate) {
        heap.append(candidate)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> MergeCandidate? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
