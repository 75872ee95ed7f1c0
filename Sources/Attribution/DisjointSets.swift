/// Union–find over `0..<count` in which every set's representative is its smallest member,
/// so the result depends only on which pairs were joined, not on the order they were joined.
struct DisjointSets {
    private var parents: [Int32]

    init(count: Int) {
        parents = (0..<count).map { Int32($0) }
    }

    /// The smallest member of `element`'s set.
    mutating func representative(of element: Int) -> Int {
        var root = element
        while Int(parents[root]) != root { root = Int(parents[root]) }
        var current = element
        while Int(parents[current]) != root {
            let next = Int(parents[current])
            parents[current] = Int32(root)
            current = next
        }
        return root
    }

    /// Joins the sets of `first` and `second`.
    mutating func join(_ first: Int, _ second: Int) {
        let (a, b) = (representative(of: first), representative(of: second))
        if a < b { parents[b] = Int32(a) } else if b < a { parents[a] = Int32(b) }
    }
}
