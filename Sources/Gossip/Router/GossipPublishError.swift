/// Why `GossipRouter.publish` refused a message.
public enum GossipPublishError: Error, Sendable, Equatable {
    /// The data is larger than the topic's `dataByteCountMax`.
    case dataTooLarge(byteCount: Int, limit: Int)
    /// A message with the same id was published or received within the seen-cache TTL.
    case duplicate(GossipMessageID)
}
