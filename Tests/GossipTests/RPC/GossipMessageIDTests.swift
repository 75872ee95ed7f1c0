import Testing
import TestSupport
@testable import Gossip

@Suite("GossipMessageID")
struct GossipMessageIDTests {
    @Test("sets and dictionaries find every id by its kept hash; ids of equal bytes made apart meet")
    func hashing() {
        var random = SeededGenerator.make(for: "GossipMessageID hashing")
        let byteArrays = Set((0..<1_000).map { _ in
            (0..<Int.random(in: 0...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        })
        let ids = byteArrays.map { GossipMessageID(bytes: $0) }
        #expect(Set(ids).count == ids.count)
        var table: [GossipMessageID: Int] = [:]
        for (index, id) in ids.enumerated() { table[id] = index }
        for (index, bytes) in byteArrays.enumerated() {
            let rebuilt = GossipMessageID(bytes: Array(bytes))
            #expect(rebuilt == ids[index])
            #expect(table[rebuilt] == index)
            #expect(rebuilt._rawHashValue(seed: index) == ids[index]._rawHashValue(seed: index))
        }
        #expect(GossipMessageID(bytes: [1, 2]) != GossipMessageID(bytes: [1, 2, 0]))
    }
}
