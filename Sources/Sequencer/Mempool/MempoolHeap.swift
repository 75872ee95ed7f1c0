import Ledger

/// A binary max-heap of senders' next ready transactions, by ``MempoolEntry/precedes(_:)``.
struct MempoolHeap {
    struct Item {
        let entry: MempoolEntry
        /// Position of `entry` in its sender's ready list.
        let index: Int
    }

    private var items: [Item] = []

    mutating func push(_ item: Item) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].entry.precedes(items[parent].entry) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Item? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < items.count && items[left].entry.precedes(items[best].entry) { best = left }
            if right < items.count && items[right].entry.precedes(items[best].entry) { best = right }
            guard best != parent else { return top }
            items.swapAt(parent, best)
            parent = best
        }
    }
}
