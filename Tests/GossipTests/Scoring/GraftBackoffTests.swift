import Testing
@testable import Gossip

@Suite struct GraftBackoffTests {
    typealias Backoff = GraftBackoff<String>

    @Test func pruneBackoffExpiry() {
        var backoff = Backoff()
        backoff.addPrune("A", topic: "t", now: .seconds(10))
        // 60 s from 10 s: backing off until 70 s, in that topic only.
        #expect(backoff.isBackingOff("A", topic: "t", now: .seconds(69)))
        #expect(!backoff.isBackingOff("A", topic: "t", now: .seconds(70)))
        #expect(!backoff.isBackingOff("A", topic: "u", now: .seconds(20)))
        #expect(!backoff.isBackingOff("B", topic: "t", now: .seconds(20)))
        // Our own GRAFT waits 2 s of slack more.
        #expect(!backoff.canGraft("A", topic: "t", now: .seconds(71)))
        #expect(backoff.canGraft("A", topic: "t", now: .seconds(72)))
    }

    @Test func expiryOnlyMovesLater() {
        var backoff = Backoff()
        backoff.addPrune("A", topic: "t", now: .zero)
        backoff.addUnsubscribe("A", topic: "t", now: .seconds(5))
        // 10 s from 5 s = 15 s is earlier than 60 s: unchanged.
        #expect(backoff.expiry(of: "A", topic: "t") == .seconds(60))
        backoff.add("A", topic: "t", duration: .seconds(100), now: .seconds(5))
        #expect(backoff.expiry(of: "A", topic: "t") == .seconds(105))
    }

    /// A PRUNE's back-off field: 0 or absent means our default; huge values are cut.
    @Test func receivedPrune() {
        var backoff = Backoff()
        backoff.addReceivedPrune("A", topic: "t", backoffSeconds: 30, now: .zero)
        backoff.addReceivedPrune("B", topic: "t", backoffSeconds: 0, now: .zero)
        backoff.addReceivedPrune("C", topic: "t", backoffSeconds: nil, now: .zero)
        backoff.addReceivedPrune("D", topic: "t", backoffSeconds: .max, now: .zero)
        #expect(backoff.expiry(of: "A", topic: "t") == .seconds(30))
        #expect(backoff.expiry(of: "B", topic: "t") == .seconds(60))
        #expect(backoff.expiry(of: "C", topic: "t") == .seconds(60))
        #expect(backoff.expiry(of: "D", topic: "t") == .seconds(86_400))
    }

    /// go handleGraft: flood cutoff = expiry + 10 s − 60 s, so a GRAFT within 10 s of our
    /// PRUNE is a flood.
    @Test func graftFlood() {
        var backoff = Backoff()
        backoff.addPrune("A", topic: "t", now: .zero)
        #expect(backoff.isGraftFlood("A", topic: "t", now: .seconds(9)))
        #expect(!backoff.isGraftFlood("A", topic: "t", now: .seconds(10)))
        #expect(!backoff.isGraftFlood("A", topic: "t", now: .seconds(61)))
        #expect(!backoff.isGraftFlood("B", topic: "t", now: .zero))
    }

    @Test func cleanupAndBound() {
        var backoff = Backoff(entryCountMax: 2)
        backoff.add("A", topic: "t", duration: .seconds(10), now: .zero)
        backoff.add("B", topic: "t", duration: .seconds(20), now: .zero)
        backoff.removeExpired(now: .seconds(11))
        // A expired at 10 s but keeps its 2 s slack until 12 s.
        #expect(backoff.count == 2)
        backoff.removeExpired(now: .seconds(12))
        #expect(backoff.count == 1 && backoff.expiry(of: "A", topic: "t") == nil)
        backoff.add("C", topic: "t", duration: .seconds(30), now: .seconds(12))
        // Full: D displaces B, which expires soonest (20 s < 42 s).
        backoff.add("D", topic: "t", duration: .seconds(30), now: .seconds(12))
        #expect(backoff.count == 2)
        #expect(backoff.expiry(of: "B", topic: "t") == nil)
        #expect(backoff.isBackingOff("C", topic: "t", now: .seconds(13)))
        #expect(backoff.isBackingOff("D", topic: "t", now: .seconds(13)))
    }
}
