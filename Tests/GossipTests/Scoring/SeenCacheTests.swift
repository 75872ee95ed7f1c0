import Testing
@testable import Gossip

@Suite struct SeenCacheTests {
    @Test func defaults() {
        let cache = SeenCache<Int>()
        #expect(cache.timeToLive == .seconds(120))
    }

    @Test func duplicatesAndTimeToLive() {
        var cache = SeenCache<Int>(timeToLive: .seconds(120))
        let first = cache.add(1, now: .zero)
        let duplicate = cache.add(1, now: .seconds(60))
        #expect(first && !duplicate)
        // First-seen semantics: seeing it again at 60 s does not extend the expiry (120 s).
        #expect(cache.contains(1, now: .milliseconds(119_999)))
        #expect(!cache.contains(1, now: .seconds(120)))
        let afterExpiry = cache.add(1, now: .seconds(120))
        #expect(afterExpiry)
        #expect(cache.contains(1, now: .seconds(200)))
    }

    @Test func pruneRemovesOnlyExpired() {
        var cache = SeenCache<Int>(timeToLive: .seconds(10))
        for id in 0..<10 { cache.add(id, now: .seconds(Int64(id))) }
        cache.prune(now: .seconds(14))
        // Ids added at 0…4 s expire by 14 s; 5…9 remain.
        #expect(cache.count == 5)
        #expect(!cache.contains(4, now: .seconds(14)) && cache.contains(5, now: .seconds(14)))
    }

    @Test func boundEvictsOldest() {
        var cache = SeenCache<Int>(timeToLive: .seconds(120), countMax: 3)
        for id in 0..<5 { cache.add(id, now: .seconds(Int64(id))) }
        #expect(cache.count == 3 && cache.evictedCount == 2)
        #expect(!cache.contains(0, now: .seconds(5)) && !cache.contains(1, now: .seconds(5)))
        #expect(cache.contains(2, now: .seconds(5)) && cache.contains(4, now: .seconds(5)))
        // Forgotten ids count as new again.
        let readded = cache.add(0, now: .seconds(6))
        #expect(readded)
    }

    /// Many adds with steady expiry keep the cache at the traffic in one time-to-live.
    @Test func steadyState() {
        var cache = SeenCache<Int>(timeToLive: .seconds(2))
        for id in 0..<10_000 { cache.add(id, now: .milliseconds(Int64(id))) }
        // One id a millisecond, 2 s to live: 2000 remain.
        #expect(cache.count == 2000)
    }
}
