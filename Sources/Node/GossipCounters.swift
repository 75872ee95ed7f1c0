import Gossip

/// The node's gossip counters since it started, as its status snapshot carries them: what
/// arrived, what was delivered, duplicated, rejected or ignored, what was published and sent,
/// and what the outbound queues dropped.
public struct GossipCounters: Sendable, Equatable {
    public var received = 0
    public var delivered = 0
    public var duplicates = 0
    public var rejected = 0
    public var ignored = 0
    public var published = 0
    public var sent = 0
    public var outboundDropped = 0

    public init() {}

    init(_ statistics: GossipRouterStatistics) {
        received = statistics.messagesReceived
        delivered = statistics.messagesDelivered
        duplicates = statistics.duplicateMessages
        rejected = statistics.rejectedMessages
        ignored = statistics.ignoredMessages
        published = statistics.messagesPublished
        sent = statistics.messagesSent
        outboundDropped = statistics.outboundMessagesDropped + statistics.outboundMessagesStale
    }
}
