/// One topic's share of the router's message counters. Only topics the node subscribes to
/// or publishes on are counted, so the table stays as small as the application's topics.
public struct GossipTopicStatistics: Sendable, Equatable {
    /// Published messages received from peers on the topic.
    public var messagesReceived = 0
    /// Messages delivered to the application.
    public var messagesDelivered = 0
    /// Messages already seen.
    public var duplicateMessages = 0
    /// Messages the topic's validator rejected.
    public var rejectedMessages = 0
    /// Messages the topic's validator ignored.
    public var ignoredMessages = 0
    /// Messages we published on the topic.
    public var messagesPublished = 0
    /// Copies of the topic's messages handed to the transport.
    public var messagesSent = 0

    public init() {}
}
