import Testing
import TestSupport
@testable import Sequencer

@Suite("TransactionsRoot")
struct TransactionsRootTests {
    // From an independent Python implementation (hashlib.blake2b, digest_size=32) of the
    // documented tree over ids [i]*32 for i = 1...n.
    @Test("roots match the reference for 0, 1, 2, 3 and 5 ids", arguments: [
        (0, "0000000000000000000000000000000000000000000000000000000000000000"),
        (1, "6bf22d230bc6f17e2dc9bdce220e8696630a067ab5029fb66d91e6ecd74c7c54"),
        (2, "e7ee5228698f31758aa7e13445bc54d4c4b37303a90d5ca4677fad9976d1187b"),
        (3, "a7346514f635523b73d3adb12bf49a26cf1a8063afc422025e203cde74e5ecbe"),
        (5, "daf740e7aa956cb636ee5d465a8d6fe03480fcfe405ebe98a17dd888bab43bb5"),
    ])
    func reference(count: Int, expected: String) {
        let ids = (0..<count).map { [UInt8](repeating: UInt8($0 + 1), count: 32) }
        #expect(TransactionsRoot.root(ofIDs: ids) == hex(expected))
    }

    @Test("order matters")
    func order() {
        let ids = (0..<4).map { [UInt8](repeating: UInt8($0 + 1), count: 32) }
        #expect(TransactionsRoot.root(ofIDs: ids) != TransactionsRoot.root(ofIDs: ids.reversed()))
    }
}
