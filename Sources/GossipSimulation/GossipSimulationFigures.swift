/// The figures of one gossip simulation run.
public struct GossipSimulationFigures: Sendable, CustomStringConvertible {
    public var nodeCount: Int
    public var messageCount: Int
    /// Deliveries made over deliveries owed (every node but the publisher, per message).
    public var deliveryRatio: Double
    public var latencyMedian: Duration
    public var latencyP99: Duration
    public var latencyMax: Duration
    /// The 99th percentile of the shortest-path latency from publisher to receiver.
    public var shortestPathP99: Duration
    /// Full copies received beyond the first, per node per message.
    public var duplicatesPerNodePerMessage: Double
    public var bytesPerNodePerMessage: Double
    /// Mesh peers per node at the end of the run. Every mesh link carries each message at
    /// least once unless an IDONTWANT overtakes it, so duplicates stay at or above about
    /// half of this, less one.
    public var meanMeshDegree: Double
    /// IDONTWANT ids sent, and forwards they saved, over all nodes.
    public var idontwantIDsSent: Int
    public var forwardsSuppressedByIDontWant: Int
    /// Queued copies not sent because the peer had the message (IDONTWANT, or it sent it
    /// to us), over all nodes.
    public var queuedCopiesCancelled: Int
    /// Queued copies dropped as stale or at a queue cap, over all nodes.
    public var queuedCopiesDropped: Int
    /// Mesh peers per node that the node has choked at the end of the run (they announce
    /// with IHAVE instead of sending), and CHOKE and UNCHOKE sent over all nodes.
    public var meanChokedMeshDegree: Double
    public var chokesSent: Int
    public var unchokesSent: Int
    /// CHOKE sent again to choked peers that still pushed duplicates, over all nodes.
    public var chokesRepeated: Int
    /// Forwards announced with IHAVE instead (lazy push), and messages fetched with IWANT,
    /// over all nodes.
    public var lazyPushes: Int
    public var iwantMessagesServed: Int

    public var description: String {
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        return """
            nodes \(nodeCount), messages \(messageCount)
            delivery ratio:                \(String(format: "%.5f", deliveryRatio))
            latency p50 / p99 / max:       \(milliseconds(latencyMedian)) / \(milliseconds(latencyP99)) / \(milliseconds(latencyMax)) ms (virtual)
            shortest-path p99:             \(milliseconds(shortestPathP99)) ms; p99 ratio \(String(format: "%.2f", latencyP99 / shortestPathP99))
            duplicates per node per msg:   \(String(format: "%.2f", duplicatesPerNodePerMessage))
            bytes sent per node per msg:   \(String(format: "%.0f", bytesPerNodePerMessage))
            mean mesh degree:              \(String(format: "%.2f", meanMeshDegree))
            IDONTWANT ids sent / forwards saved: \(idontwantIDsSent) / \(forwardsSuppressedByIDontWant)
            queued copies cancelled / dropped:   \(queuedCopiesCancelled) / \(queuedCopiesDropped)
            choked mesh peers per node:    \(String(format: "%.2f", meanChokedMeshDegree)) (CHOKE / UNCHOKE sent: \(chokesSent) / \(unchokesSent), CHOKE repeated: \(chokesRepeated))
            lazy pushes / IWANT replies:   \(lazyPushes) / \(iwantMessagesServed)
            """
    }
}
