/// The symbols of a word during BPE: ids and a doubly linked list over their positions.
/// A merge folds the right symbol into the left one, which keeps its position.
struct SymbolList: Sendable {
    var ids: [Int]
    var previous: [Int]
    var next: [Int]
    private var alive: [Bool]

    init(ids: [Int]) {
        self.ids = ids
        previous = ids.indices.map { $0 - 1 }
        next = ids.indices.map { $0 + 1 < ids.count ? $0 + 1 : -1 }
        alive = Array(repeating: true, count: ids.count)
    }

    func isAlive(_ index: Int) -> Bool { alive[index] }

    /// Folds `right` (the symbol after `left`) into `left`, which becomes `id`.
    mutating func merge(_ left: Int, _ right: Int, id: Int) {
        ids[left] = id
        alive[right] = false
        next[left] = next[right]
        if next[right] >= 0 { previous[next[right]] = left }
    }

    /// Appends the ids of the symbols still alive, in order.
    func appendIDs(to output: inout [Int]) {
        var index = ids.isEmpty ? -1 : 0
        while index >= 0 {
            output.append(ids[index])
            index = next[index]
        }
    }
}
