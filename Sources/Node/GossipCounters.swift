import Gossip

/// The node's gossip counters since it started, as its status snapshot carries them: what
/// arrived, what was delivered, duplicated, rejected or ignored, what was published and sent,
/// and what the outbound queues dropped; and the message counters by topic.
public struct GossipCounters: Sendable, Equatable {
    public var received = 0
    public var delivered = 0
    public var duplicates = 0
    public var rejected = 0
    public var ignored = 0
    public var published = 0
    public var sent = 0
    public var outboundDropped = 0
    /// The counters of each topic the node subscribes to or publishes on.
    public var topics: [String: GossipTopicStatistics] = [:]

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
        topics = statistics.topics
    }
}
