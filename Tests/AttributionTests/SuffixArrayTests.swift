import Testing
import TestSupport
@testable import Attribution

@Suite("SuffixArray")
struct SuffixArrayTests {
    /// Sorts every suffix by comparing it directly: the reference.
    static func naiveSuffixArray(_ text: [UInt32]) -> [Int32] {
        text.indices.sorted { text[$0...].lexicographicallyPrecedes(text[$1...]) }.map { Int32($0) }
    }

    @Test("banana, as in every textbook: a$ ana$ anana$ banana$ na$ nana$")
    func banana() {
        let text = Array("banana".utf8).map { UInt32($0) }
        #expect(SuffixArray.build(text) == [5, 3, 1, 0, 4, 2])
    }

    @Test("short and degenerate texts")
    func degenerate() {
        #expect(SuffixArray.build([]) == [])
        #expect(SuffixArray.build([7]) == [0])
        #expect(SuffixArray.build([2, 1]) == [1, 0])
        #expect(SuffixArray.build([1, 1, 1, 1]) == [3, 2, 1, 0])
        let run = [UInt32](repeating: 9, count: 100)
        #expect(SuffixArray.build(run) == (0..<100).reversed().map { Int32($0) })
    }

    @Test("the separator ranks after every token", arguments: [0, 1, 2])
    func separatorRanksLast(variant: Int) {
        let text: [UInt32] = [[5, .max, 5, 4], [.max, 0, .max], [1, 2, .max, 1, 2, 3, .max]][variant]
        #expect(SuffixArray.build(text) == Self.naiveSuffixArray(text))
    }

    @Test("equals a naive sort on seeded random texts", arguments: [2, 3, 4, 16, 1000, 1 << 30, UInt32.max])
    func randomTexts(vocabulary: UInt32) {
        var generator = SeededGenerator.make(for: "SuffixArray.random.\(vocabulary)")
        for _ in 0..<60 {
            let count = Int.random(in: 0...400, using: &generator)
            let text = (0..<count).map { _ in
                vocabulary == .max ? UInt32.random(in: 0...UInt32.max, using: &generator) : UInt32.random(in: 0..<vocabulary, using: &generator)
            }
            #expect(SuffixArray.build(text) == Self.naiveSuffixArray(text), "text \(text)")
        }
    }

    @Test("periodic texts, the recursion's hard case")
    func periodicTexts() {
        var generator = SeededGenerator.make(for: "SuffixArray.periodic")
        for _ in 0..<40 {
            let period = (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt32.random(in: 0..<3, using: &generator) }
            var text: [UInt32] = []
            while text.count < 300 { text += period }
            if Bool.random(using: &generator) { text[Int.random(in: text.indices, using: &generator)] = 7 }
            #expect(SuffixArray.build(text) == Self.naiveSuffixArray(text))
        }
    }

    @Test("ranks preserve order and use both the table and the sorted path")
    func ranks() {
        let small: [UInt32] = [10, 3, .max, 3, 7]
        #expect(SuffixArray.rank(small).0 == [2, 0, 3, 0, 1])
        let large: [UInt32] = [4_000_000_000, 3, .max, 3, 1 << 31]
        #expect(SuffixArray.rank(large).0 == [2, 0, 3, 0, 1])
        #expect(SuffixArray.rank(large).1 == 3)
    }
}
