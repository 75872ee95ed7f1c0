import Dispatch
import Synchronization
import Testing
import OpenLoRA
import Tensor

/// The adapter cache: least-recently-used eviction under the byte budget, leases that pin
/// adapters, unloading while in use, the counters, and concurrent use.
@Suite struct AdapterCacheTests {
    /// A base of width 64 with one block.
    static let base = LlamaConfiguration(
        vocabularySize: 16, embeddingLength: 64, feedForwardLength: 64, blockCount: 1, headCount: 4,
        keyValueHeadCount: 4, headDimension: 16, contextLength: 16, rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10000,
        ropeLayout: .halves, tiesEmbeddings: true)

    /// Small adapters of equal size (one projection, rank 1: 4 · (64 + 64) = 512 bytes).
    static func adapter(_ seed: Float) throws(OpenLoRAError) -> LoRAAdapter {
        let configuration = LoRAAdapterConfiguration(rank: 1, alpha: 1, targetModules: .names(["o_proj"]))
        let factors = [LoRAModule(layer: 0, role: .attentionOutput): ([Float](repeating: seed, count: 64),
                                                                        [Float](repeating: seed, count: 64))]
        return try LoRAAdapter(configuration: configuration, factors: factors, base: base)
    }

    /// Failures counted on worker threads, checked afterwards on the test's.
    final class FailureCount: Sendable {
        let value = Atomic<Int>(0)
        func record() { value.add(1, ordering: .relaxed) }
    }

    static let adapterBytes = 512

    @Test func evictsTheLeastRecentlyUsedAdapterNobodyHolds() throws {
        let cache = AdapterCache(byteBudget: 3 * Self.adapterBytes)
        var loads: [String] = []
        func acquire(_ name: String) throws -> AdapterLease {
            try cache.acquire(name) { () throws(OpenLoRAError) in
                loads.append(name)
                return try Self.adapter(Float(loads.count))
            }
        }
        for name in ["a", "b", "c"] { try acquire(name).release() }
        try acquire("a").release()                      // a is now the most recent; b the least
        try acquire("d").release()                      // evicts b
        #expect(!cache.contains("b") && cache.contains("a") && cache.contains("c") && cache.contains("d"))
        try acquire("b").release()                      // evicts c
        #expect(!cache.contains("c"))
        #expect(loads == ["a", "b", "c", "d", "b"])
        var expected = AdapterCacheStatistics()
        (expected.hitCount, expected.missCount, expected.evictionCount) = (1, 5, 2)
        (expected.adapterCount, expected.inUseCount, expected.byteCount) = (3, 0, 3 * Self.adapterBytes)
        #expect(cache.statistics == expected)
    }

    @Test func anAdapterInUseIsNeverEvicted() throws {
        let cache = AdapterCache(byteBudget: 2 * Self.adapterBytes)
        let held = try cache.acquire("held") { () throws(OpenLoRAError) in try Self.adapter(1) }
        for index in 0..<5 {
            try cache.acquire("other\(index)") { () throws(OpenLoRAError) in try Self.adapter(2) }.release()
            #expect(cache.contains("held"))
        }
        let second = try cache.acquire("second") { () throws(OpenLoRAError) in try Self.adapter(3) }
        #expect { try cache.acquire("third") { () throws(OpenLoRAError) in try Self.adapter(4) } } throws: {
            ($0 as? OpenLoRAError)?.kind == .adapterCacheFull
        }
        #expect(cache.statistics.inUseCount == 2 && cache.statistics.byteCount == 2 * Self.adapterBytes)
        held.release()
        held.release()                                  // a second release does nothing
        _ = try cache.acquire("third") { () throws(OpenLoRAError) in try Self.adapter(4) }   // evicts held
        #expect(!cache.contains("held") && cache.contains("second"))
        second.release()
        let tooLarge = AdapterCache(byteBudget: Self.adapterBytes - 1)
        #expect { try tooLarge.acquire("x") { () throws(OpenLoRAError) in try Self.adapter(1) } } throws: {
            ($0 as? OpenLoRAError)?.kind == .adapterCacheFull
        }
    }

    @Test func unloadingAnAdapterInUseFreesItAtItsLastRelease() throws {
        let cache = AdapterCache(byteBudget: 4 * Self.adapterBytes)
        try cache.insert(try Self.adapter(1), named: "a")
        let first = try cache.acquire("a") { () throws(OpenLoRAError) in
            Issue.record("a is cached")
            return try Self.adapter(0)
        }
        let second = try cache.acquire("a") { () throws(OpenLoRAError) in try Self.adapter(0) }
        #expect(first.adapter === second.adapter && cache.statistics.hitCount == 2)
        #expect(cache.unload("a") && !cache.unload("a") && !cache.contains("a"))
        #expect(cache.statistics.byteCount == Self.adapterBytes && cache.statistics.adapterCount == 0)
        let reloaded = try cache.acquire("a") { () throws(OpenLoRAError) in try Self.adapter(2) }   // a new load
        #expect(reloaded.adapter !== first.adapter && cache.statistics.byteCount == 2 * Self.adapterBytes)
        first.release()
        #expect(cache.statistics.byteCount == 2 * Self.adapterBytes)
        second.release()
        #expect(cache.statistics.byteCount == Self.adapterBytes && cache.statistics.inUseCount == 1)
        reloaded.release()
        #expect(cache.statistics.inUseCount == 0)
    }

    @Test func insertingUnderATakenNameReplacesTheAdapter() throws {
        let cache = AdapterCache(byteBudget: 2 * Self.adapterBytes)
        let (old, new) = (try Self.adapter(1), try Self.adapter(2))
        try cache.insert(old, named: "a")
        let lease = try cache.acquire("a") { () throws(OpenLoRAError) in try Self.adapter(0) }
        try cache.insert(new, named: "a")
        #expect(lease.adapter === old && cache.statistics.byteCount == 2 * Self.adapterBytes)
        let second = try cache.acquire("a") { () throws(OpenLoRAError) in try Self.adapter(0) }
        #expect(second.adapter === new)
        #expect { try cache.insert(try Self.adapter(3), named: "b") } throws: {
            ($0 as? OpenLoRAError)?.kind == .adapterCacheFull       // both versions are in use
        }
        lease.release()
        #expect(cache.statistics.byteCount == Self.adapterBytes && cache.contains("a"))
        second.release()
    }

    @Test func aLeaseFreedUnreleasedReleasesItself() throws {
        let cache = AdapterCache(byteBudget: Self.adapterBytes)
        do {
            let lease = try cache.acquire("a") { () throws(OpenLoRAError) in try Self.adapter(1) }
            #expect(cache.statistics.inUseCount == 1 && lease.name == "a")
        }
        #expect(cache.statistics.inUseCount == 0)
        try cache.acquire("b") { () throws(OpenLoRAError) in try Self.adapter(2) }.release()
        #expect(cache.statistics.evictionCount == 1)
    }

    @Test func aFailedLoadLeavesTheCacheUnchanged() throws {
        let cache = AdapterCache(byteBudget: Self.adapterBytes)
        #expect { try cache.acquire("bad") { () throws(OpenLoRAError) in throw OpenLoRAError(.invalidAdapter, "no") } }
            throws: { ($0 as? OpenLoRAError)?.kind == .invalidAdapter }
        #expect(!cache.contains("bad") && cache.statistics.missCount == 1 && cache.statistics.byteCount == 0)
    }

    /// Many threads acquiring and releasing 16 names under a budget of 8: the budget holds
    /// throughout, nothing in use disappears, and every lease is accounted for at the end.
    @Test func concurrentAcquireAndReleaseKeepTheInvariants() throws {
        let cache = AdapterCache(byteBudget: 8 * Self.adapterBytes)
        let adapters = try (0..<16).map { index throws(OpenLoRAError) in try Self.adapter(Float(index)) }
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for step in 0..<400 {
                let index = (worker * 7 + step * 5) % 16
                let load = { () throws(OpenLoRAError) in adapters[index] }
                guard let lease = try? cache.acquire("adapter\(index)", load: load) else {
                    continue  // full: every slot was in use at that moment
                }
                if lease.adapter !== adapters[index] || cache.statistics.byteCount > 8 * Self.adapterBytes {
                    failures.record()
                }
                if step % 3 == 0 { cache.unload("adapter\((index + 1) % 16)") }
                lease.release()
            }
        }
        #expect(failures.value.load(ordering: .relaxed) == 0)
        let statistics = cache.statistics
        #expect(statistics.inUseCount == 0 && statistics.byteCount == statistics.adapterCount * Self.adapterBytes)
        #expect(statistics.hitCount + statistics.missCount == 8 * 400)
    }
}
