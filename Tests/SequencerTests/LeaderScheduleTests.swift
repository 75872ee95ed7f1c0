import Identity
import Testing
import TestSupport
@testable import Sequencer

@Suite("LeaderSchedule")
struct LeaderScheduleTests {
    /// A 20-byte address beginning with `name`, so that addresses sort as the names do.
    static func address(_ name: String) -> AccountAddress {
        try! AccountAddress(bytes: Array(name.utf8) + [UInt8](repeating: 0, count: 20 - name.utf8.count))
    }

    static func leaders(_ powers: [(String, Int64)], slots: Int) -> String {
        var schedule = LeaderSchedule(members: powers.map { (address($0.0), $0.1) })
        let names = Dictionary(uniqueKeysWithValues: powers.map { (address($0.0), $0.0) })
        return schedule.nextLeaders(slots).map { names[$0]! }.joined(separator: " ")
    }

    @Test("CometBFT's TestProposerSelection1: foo 1000, bar 300, baz 330 over 99 heights")
    func cometBFTVector() {
        let expected = "foo baz foo bar foo foo baz foo bar foo foo baz foo foo bar foo baz foo foo bar foo foo baz foo bar "
            + "foo foo baz foo bar foo foo baz foo foo bar foo baz foo foo bar foo baz foo foo bar foo baz foo foo bar "
            + "foo baz foo foo foo baz bar foo foo foo baz foo bar foo foo baz foo bar foo foo baz foo bar foo foo baz "
            + "foo bar foo foo baz foo foo bar foo baz foo foo bar foo baz foo foo bar foo baz foo foo"
        #expect(Self.leaders([("foo", 1000), ("bar", 300), ("baz", 330)], slots: 99) == expected)
    }

    // Sequences from a separate Python implementation of the rotation (checked against the
    // CometBFT vector above), 24 slots each.
    @Test("equal powers rotate in address order; other sets follow the reference", arguments: [
        ([("a", 1), ("b", 1), ("c", 1)], "abcabcabcabcabcabcabcabc"),
        ([("a", 1), ("b", 2), ("c", 3)], "cbacbccbacbccbacbccbacbc"),
        ([("a", 10), ("b", 1), ("c", 1), ("d", 5)], "adaadabadacadaadaadaadab"),
        ([("a", 1000), ("b", 1)], "aaaaaaaaaaaaaaaaaaaaaaaa"),
    ] as [([(String, Int64)], String)])
    func referenceSequences(powers: [(String, Int64)], expected: String) {
        #expect(Self.leaders(powers, slots: 24).replacingOccurrences(of: " ", with: "") == expected)
    }

    @Test("over many slots each member leads in proportion to its power (seeded)")
    func proportionality() {
        var generator = SeededGenerator.make(for: "LeaderScheduleTests.proportionality")
        for _ in 0..<20 {
            let count = Int.random(in: 1...12, using: &generator)
            let powers = (0..<count).map { index in (Self.address("m\(index)"), Int64.random(in: 1...1_000, using: &generator)) }
            var schedule = LeaderSchedule(members: powers)
            let total = powers.reduce(0) { $0 + $1.1 }
            let slots = Int(total) * 3
            var counts: [AccountAddress: Int64] = [:]
            for leader in schedule.nextLeaders(slots) { counts[leader, default: 0] += 1 }
            for (member, power) in powers {
                // Weighted round robin is exact up to a small bounded lag per member.
                #expect(abs(counts[member, default: 0] - 3 * power) <= 2)
            }
        }
    }
}
