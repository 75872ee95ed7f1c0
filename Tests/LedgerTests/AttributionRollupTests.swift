import Testing
import TestSupport
@testable import Ledger

/// `AttributionRollup`: an attribution summed per datanet.
@Suite("AttributionRollup")
struct AttributionRollupTests {
    static func id(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }

    @Test("weights are summed per datanet, largest first, ties by datanet id")
    func sums() throws {
        let datanetOf: [[UInt8]: [UInt8]] = [Self.id(1): Self.id(0xa), Self.id(2): Self.id(0xb), Self.id(3): Self.id(0xa),
                                             Self.id(4): Self.id(0xc)]
        let entries = [AttributionEntry(contributionID: Self.id(1), weightPPM: 300_000),
                       AttributionEntry(contributionID: Self.id(2), weightPPM: 350_000),
                       AttributionEntry(contributionID: Self.id(3), weightPPM: 50_000),
                       AttributionEntry(contributionID: Self.id(4), weightPPM: 300_000)]
        let rollup = try AttributionRollup(entries) { datanetOf[$0] }
        #expect(rollup.shares == [.init(datanetID: Self.id(0xa), weightPPM: 350_000),
                                  .init(datanetID: Self.id(0xb), weightPPM: 350_000),
                                  .init(datanetID: Self.id(0xc), weightPPM: 300_000)])
        #expect(try AttributionRollup([]) { datanetOf[$0] }.shares.isEmpty)
    }

    @Test("a contribution the ledger does not know is an error")
    func unknown() {
        #expect(throws: LedgerError.self) {
            try AttributionRollup([AttributionEntry(contributionID: Self.id(9), weightPPM: 1_000_000)]) { _ in nil }
        }
    }

    @Test("seeded: shares always sum to the entries' total and keep every datanet")
    func property() throws {
        var generator = SeededGenerator.make(for: "AttributionRollup")
        for _ in 0..<200 {
            let count = Int.random(in: 1...64, using: &generator)
            var remaining: UInt32 = 1_000_000
            var entries: [AttributionEntry] = []
            var datanetOf: [[UInt8]: [UInt8]] = [:]
            for index in 0..<count {
                let weight = index == count - 1 ? remaining : UInt32.random(in: 0...remaining, using: &generator)
                remaining -= weight
                let contribution = generator.bytes(count: 32)
                datanetOf[contribution] = Self.id(UInt8.random(in: 0...3, using: &generator))
                entries.append(AttributionEntry(contributionID: contribution, weightPPM: weight))
            }
            let rollup = try AttributionRollup(entries) { datanetOf[$0] }
            #expect(rollup.shares.reduce(0) { $0 + UInt64($1.weightPPM) } == 1_000_000)
            #expect(Set(rollup.shares.map(\.datanetID)) == Set(datanetOf.values))
            #expect(zip(rollup.shares, rollup.shares.dropFirst()).allSatisfy { $0.weightPPM >= $1.weightPPM })
        }
    }
}
