import Store
import Testing
import TestSupport

/// Private stress test of the bucket and value caches: keys crowded into few buckets, sets and
/// deletes, some transactions rolled back, some applies large enough for the second thread, some
/// transactions with two applies; after each, the root must equal a fresh recomputation and
/// every value must read back as the model says.
@Suite struct StoreCacheTests {
    struct Failure: Error {}

    @Test(arguments: [1, 2, 3]) func crowdedBucketsMatchTheRecomputedRoot(seed: Int) throws {
        var random = SeededGenerator.make(for: "StoreCacheTests.\(seed)")
        let database = try Database(path: ":memory:")
        try SchemaMigrations([StateStore.schemaMigration]).apply(to: database)
        let store = try StateStore(database: database)
        // Keys crowded into 24 buckets, several per bucket, plus many spread ones.
        var byBucket: [Int: [[UInt8]]] = [:]
        while byBucket.values.filter({ $0.count >= 12 }).count < 24 {
            let key = random.bytes(count: Int.random(in: 1...3, using: &random))
            let bucket = StateStore.bucket(for: key)
            if bucket % 2_731 == 0 || byBucket[bucket] != nil { byBucket[bucket, default: []].append(key) }
        }
        var pool = Array(Set(byBucket.values.filter { $0.count >= 12 }.flatMap { $0 }))
        pool += (0..<3_000).map { _ in random.bytes(count: Int.random(in: 4...40, using: &random)) }
        pool = Array(Set(pool))
        var model: [[UInt8]: [UInt8]] = [:]
        for round in 0..<30 {
            var pending = model
            let rollBack = round % 4 == 3
            let root: [UInt8]? = try? database.transaction {
                for _ in 0..<(round % 5 == 0 ? 2 : 1) {
                    let count = round % 3 == 0 ? Int.random(in: 1_100...2_000, using: &random) : Int.random(in: 1...200, using: &random)
                    var changes: [StateChange] = []
                    for key in Set((0..<count).map { _ in pool[Int.random(in: 0..<pool.count, using: &random)] }) {
                        if Bool.random(using: &random), pending[key] != nil {
                            changes.append(.delete(key)); pending[key] = nil
                        } else {
                            let value = random.bytes(count: Int.random(in: 0...60, using: &random))
                            changes.append(.set(key, to: value)); pending[key] = value
                        }
                    }
                    // Read some keys inside the transaction, after writing, to exercise the value cache.
                    try store.apply(changes)
                    for key in pool.prefix(50) { #expect(try store.value(for: key) == pending[key]) }
                }
                if rollBack { throw Failure() }
                return store.root
            }
            if !rollBack { model = pending; #expect(root == store.root) }
            #expect(try store.recomputeRoot() == store.root, "round \(round)")
            try store.verifyIntegrity()
            for key in pool.shuffled(using: &random).prefix(400) { #expect(try store.value(for: key) == model[key]) }
        }
    }
}
