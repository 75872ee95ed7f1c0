import Identity
import Testing
@testable import Gossip

/// The table of messages held for an asynchronous validator.
@Suite("GossipPendingValidations")
struct GossipPendingValidationsTests {
    static func id(_ index: Int) -> GossipMessageID { GossipMessageID(bytes: [UInt8(index >> 8), UInt8(index & 0xff)]) }
    static let message = GossipMessage(data: [1], topic: "t")

    @Test func holdsUpToTheCapAndExpiresInOrder() throws {
        let source = try GossipRouterTestNetwork.key(0).peerID
        var table = GossipPendingValidations(countMax: 3, timeout: .seconds(5))
        table.add(Self.message, id: Self.id(1), source: source, now: .seconds(1))
        table.add(Self.message, id: Self.id(2), source: source, now: .seconds(2))
        table.add(Self.message, id: Self.id(3), source: source, now: .seconds(3))
        #expect(table.isFull && table.count == 3)
        let removed = table.remove(Self.id(2))
        let removedAgain = table.remove(Self.id(2))
        #expect(removed?.deadline == .seconds(7))
        #expect(removedAgain == nil)
        #expect(!table.isFull)
        let early = table.removeExpired(now: .seconds(5)), late = table.removeExpired(now: .seconds(8))
        #expect(early.isEmpty)
        #expect(late.map(\.id) == [Self.id(1), Self.id(3)])
        #expect(table.count == 0)
    }

    @Test func remembersOtherSendersUpToTheirCap() throws {
        let source = try GossipRouterTestNetwork.key(0).peerID
        var table = GossipPendingValidations(countMax: 2, timeout: .seconds(5))
        table.add(Self.message, id: Self.id(1), source: source, now: .zero)
        let unknown = table.noteCopy(of: Self.id(9), from: source), fromSource = table.noteCopy(of: Self.id(1), from: source)
        #expect(!unknown && fromSource)
        for index in 1...40 {
            let sender = try GossipRouterTestNetwork.key(index).peerID
            table.noteCopy(of: Self.id(1), from: sender)
        }
        let removed = table.remove(Self.id(1))
        let entry = try #require(removed)
        #expect(entry.otherSenders.count == GossipPendingValidations.senderCountMax)
        #expect(!entry.otherSenders.contains(source))
    }

    /// Answered entries leave their deadlines behind until they expire; the queue of
    /// deadlines is compacted so that it stays within twice the cap.
    @Test func theDeadlineQueueStaysBounded() throws {
        let source = try GossipRouterTestNetwork.key(0).peerID
        var table = GossipPendingValidations(countMax: 4, timeout: .seconds(60))
        table.add(Self.message, id: Self.id(0), source: source, now: .zero)
        for index in 1...1000 {
            table.add(Self.message, id: Self.id(index), source: source, now: .milliseconds(index))
            _ = table.remove(Self.id(index))
            #expect(table.deadlineCount < 8)
        }
        let expired = table.removeExpired(now: .seconds(61))
        #expect(expired.map(\.id) == [Self.id(0)])
    }
}
