import Testing
@testable import Gossip

@Suite struct MessageCacheTests {
    typealias Cache = MessageCache<Int, String, String>

    /// go-libp2p-pubsub mcache_test.go TestMessageCache: gossip 3, history 5, ten messages
    /// per window; gossip ids come newest window first.
    @Test func windowsLikeGo() {
        var cache = Cache(historyLength: 5, gossipLength: 3)
        for id in 0..<10 { cache.put(id, message: "m\(id)", topic: "test") }
        #expect((0..<10).allSatisfy { cache.get($0) == "m\($0)" })
        #expect(cache.gossipIDs(topic: "test") == Array(0..<10))
        cache.shift()
        for id in 10..<20 { cache.put(id, message: "m\(id)", topic: "test") }
        #expect((0..<20).allSatisfy { cache.get($0) == "m\($0)" })
        #expect(cache.gossipIDs(topic: "test") == Array(10..<20) + Array(0..<10))
        for window in 2..<6 {
            cache.shift()
            for id in window * 10..<window * 10 + 10 { cache.put(id, message: "m\(id)", topic: "test") }
        }
        // Five windows of history: messages 10…59 remain, 0…9 are gone.
        #expect(cache.count == 50)
        #expect((0..<10).allSatisfy { cache.get($0) == nil })
        #expect((10..<60).allSatisfy { cache.get($0) == "m\($0)" })
        // Three windows of gossip: 50…59, 40…49, 30…39.
        #expect(cache.gossipIDs(topic: "test") == Array(50..<60) + Array(40..<50) + Array(30..<40))
    }

    @Test func gossipIDsFilterByTopicAndEmptyWindows() {
        var cache = Cache(historyLength: 3, gossipLength: 2)
        cache.put(1, message: "a", topic: "x")
        cache.put(2, message: "b", topic: "y")
        #expect(cache.gossipIDs(topic: "x") == [1])
        #expect(cache.gossipIDs(topic: "z") == [])
        cache.shift()
        cache.shift()
        // Put two windows ago: still cached, no longer gossiped.
        #expect(cache.gossipIDs(topic: "x") == [])
        #expect(cache.get(1) == "a")
        cache.shift()
        #expect(cache.get(1) == nil && cache.count == 0)
        let again = cache.put(1, message: "a2", topic: "x")
        #expect(again && cache.get(1) == "a2")
    }

    @Test func duplicatePutKeepsFirst() {
        var cache = Cache()
        let first = cache.put(1, message: "a", topic: "x")
        let second = cache.put(1, message: "b", topic: "x")
        #expect(first && !second)
        #expect(cache.get(1) == "a" && cache.gossipIDs(topic: "x") == [1])
    }

    /// go GossipRetransmission = 3: counts 1, 2, 3 are served, 4 and on are refused.
    @Test func retransmissionLimit() throws {
        var cache = Cache()
        #expect(cache.retransmissionMax == 3)
        cache.put(7, message: "m", topic: "t")
        var counts: [Int] = []
        for _ in 0..<6 {
            let fetched = cache.getForPeer(7, peer: "A")
            let answer = try #require(fetched)
            #expect(answer.message == "m")
            counts.append(answer.count)
        }
        // The count saturates just past the limit.
        #expect(counts == [1, 2, 3, 4, 4, 4])
        let otherPeer = cache.getForPeer(7, peer: "B")
        let missing = cache.getForPeer(8, peer: "A")
        #expect(otherPeer?.count == 1 && missing == nil)
        // Counts go with the message when it leaves the cache.
        for _ in 0..<5 { cache.shift() }
        cache.put(7, message: "m", topic: "t")
        let afterReturn = cache.getForPeer(7, peer: "A")
        #expect(afterReturn?.count == 1)
    }

    @Test func limits() {
        var cache = Cache(messageCountMax: 3, requestingPeersPerMessageMax: 2)
        for id in 0..<5 { cache.put(id, message: "m\(id)", topic: "t") }
        // The oldest two made room.
        #expect(cache.count == 3 && cache.evictedCount == 2)
        #expect(cache.get(0) == nil && cache.get(1) == nil && cache.get(4) == "m4")
        #expect(cache.gossipIDs(topic: "t") == [2, 3, 4])
        _ = cache.getForPeer(4, peer: "A")
        _ = cache.getForPeer(4, peer: "B")
        // A third peer is answered as past the limit.
        let thirdPeer = cache.getForPeer(4, peer: "C")
        let firstPeerAgain = cache.getForPeer(4, peer: "A")
        #expect(thirdPeer?.count == cache.retransmissionMax + 1)
        #expect(firstPeerAgain?.count == 2)
    }
}
