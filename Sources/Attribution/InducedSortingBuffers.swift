/// The working state of one level of ``InducedSorting``: the text, each position's type
/// (S or L) and the bucket boundaries of every symbol.
struct InducedSortingBuffers {
    let text: UnsafeBufferPointer<Int32>
    /// Whether the suffix at each position is S-type (smaller than the suffix after it).
    let isSType: UnsafeMutableBufferPointer<Bool>
    /// Where the S-type suffixes of each symbol start (bucket starts for S).
    let startsOfS: UnsafeMutableBufferPointer<Int>
    /// Where the L-type suffixes of each symbol start; entry `upper + 1` is unused.
    let startsOfL: UnsafeMutableBufferPointer<Int>
    /// The moving bucket pointers while inducing.
    let cursors: UnsafeMutableBufferPointer<Int>

    init(text: UnsafeBufferPointer<Int32>, upper: Int) {
        self.text = text
        let count = text.count
        isSType = .allocate(capacity: count)
        isSType[count - 1] = false
        for position in stride(from: count - 2, through: 0, by: -1) {
            isSType[position] = text[position] == text[position + 1]
                ? isSType[position + 1] : text[position] < text[position + 1]
        }
        startsOfS = .allocate(capacity: upper + 2)
        startsOfL = .allocate(capacity: upper + 2)
        cursors = .allocate(capacity: upper + 2)
        startsOfS.initialize(repeating: 0)
        startsOfL.initialize(repeating: 0)
        cursors.initialize(repeating: 0)
        for position in 0..<count {
            if isSType[position] { startsOfL[Int(text[position]) + 1] += 1 } else { startsOfS[Int(text[position])] += 1 }
        }
        for symbol in 0...upper {
            startsOfS[symbol] += startsOfL[symbol]
            if symbol < upper { startsOfL[symbol + 1] += startsOfS[symbol] }
        }
    }

    func deallocate() {
        isSType.deallocate()
        startsOfS.deallocate()
        startsOfL.deallocate()
        cursors.deallocate()
    }

    /// Places the LMS suffixes `lms` (in the given order) at the ends of their buckets, then
    /// induces the L-type suffixes left to right and the S-type ones right to left.
    func induce(from lms: [Int32], into suffixes: UnsafeMutableBufferPointer<Int32>) {
        let count = text.count
        suffixes.update(repeating: -1)
        _ = cursors.update(fromContentsOf: startsOfS)
        for position in lms where Int(position) != count {
            let symbol = Int(text[Int(position)])
            suffixes[cursors[symbol]] = position
            cursors[symbol] += 1
        }
        _ = cursors.update(fromContentsOf: startsOfL)
        let last = Int(text[count - 1])
        suffixes[cursors[last]] = Int32(count - 1)
        cursors[last] += 1
        for rank in 0..<count {
            let position = Int(suffixes[rank])
            if position >= 1 && !isSType[position - 1] {
                let symbol = Int(text[position - 1])
                suffixes[cursors[symbol]] = Int32(position - 1)
                cursors[symbol] += 1
            }
        }
        _ = cursors.update(fromContentsOf: startsOfL)
        for rank in stride(from: count - 1, through: 0, by: -1) {
            let position = Int(suffixes[rank])
            if position >= 1 && isSType[position - 1] {
                let symbol = Int(text[position - 1]) + 1
                cursors[symbol] -= 1
                suffixes[cursors[symbol]] = Int32(position - 1)
            }
        }
    }
}
