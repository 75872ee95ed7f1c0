import Testing
import TestSupport
@testable import Ledger

@Suite("StateSlotTable")
struct StateSlotTableTests {
    @Test("every key inserted is found at its slot through several doublings; absent keys are not")
    func findsInsertedKeys() {
        var generator = SeededGenerator.make(for: "StateSlotTableTests.findsInsertedKeys")
        var table = StateSlotTable()
        var keys: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        let count = StateSlotTable.initialCapacity * 3
        while keys.count < count {
            // Keys of one kind byte and a short tail, so many share prefixes and lengths.
            let key = [UInt8(generator.next() % 4)] + generator.bytes(count: Int(generator.next() % 6))
            guard seen.insert(key).inserted else { continue }
            #expect(table.insert(hash: StateSlotTable.hash(key)) == keys.count)
            keys.append(key)
        }
        #expect(table.count == count)
        keys.withUnsafeBufferPointer { buffer in
            for (slot, key) in keys.enumerated() {
                #expect(table.find(key, hash: StateSlotTable.hash(key), keys: buffer) == slot)
            }
            for _ in 0..<1_000 {
                let absent = [UInt8(4 + generator.next() % 4)] + generator.bytes(count: 3)
                #expect(table.find(absent, hash: StateSlotTable.hash(absent), keys: buffer) == nil)
            }
        }
    }

    @Test("a key whose hash (and so tag) matches another's is told apart by its bytes")
    func sameHashDifferentKeys() {
        var table = StateSlotTable()
        let keys: [[UInt8]] = [[1, 2, 3], [4, 5, 6]]
        let hash = StateSlotTable.hash(keys[0])
        table.insert(hash: hash)
        keys.withUnsafeBufferPointer { buffer in
            #expect(table.find(keys[1], hash: hash, keys: buffer) == nil)
            #expect(table.find(keys[0], hash: hash, keys: buffer) == 0)
        }
    }

    @Test("removing everything empties the table")
    func removeAll() {
        var table = StateSlotTable()
        let keys: [[UInt8]] = [[9]]
        table.insert(hash: StateSlotTable.hash(keys[0]))
        table.removeAll()
        #expect(table.count == 0)
        keys.withUnsafeBufferPointer { #expect(table.find(keys[0], hash: StateSlotTable.hash(keys[0]), keys: $0) == nil) }
    }
}
