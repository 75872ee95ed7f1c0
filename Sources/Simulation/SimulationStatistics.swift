/// What happened to the messages of a run.
public struct SimulationStatistics: Sendable, Equatable {
    public var messagesSent = 0
    public var messagesDelivered = 0
    /// Lost to the links' loss probability.
    public var messagesLost = 0
    /// Dropped because a node was down or a partition separated the two ends.
    public var messagesCut = 0
    /// Bytes each node sent.
    public var bytesSent: [Int]

    init(nodeCount: Int) {
        bytesSent = Array(repeating: 0, count: nodeCount)
    }
}
