import Gossip
import HTTP
import Node
import Testing
@testable import Hosting

/// The node's gauges in the exposition.
@Suite("NodeMetrics")
struct NodeMetricsTests {
    static func status(receipts: Int?) -> NodeStatus {
        var status = NodeStatus(headHeight: 12, finalizedHeight: 11, slot: 40, leader: "0x00", peers: 4, mempool: 9,
                                running: true, syncing: true, chainID: 1, peerID: "", listen: [], processID: nil,
                                updatedAtMilliseconds: 0)
        status.receipts = receipts
        status.hostedAdapters = receipts.map { _ in ["a", "b"] }
        return status
    }

    @Test("every family reads the status at the scrape")
    func exposition() {
        let registry = MetricsRegistry()
        let status = Self.status(receipts: 5)
        NodeMetrics.register(in: registry, status: { status }, lastBatchSlot: { 37 })
        let text = registry.exposition()
        for line in ["oln_peers 4", "oln_mempool_transactions 9", "oln_head_height 12", "oln_finalized_height 11",
                     "oln_slot 40", "oln_syncing 1", "oln_host_adapters 2", "oln_host_receipts_issued_total 5",
                     "oln_finality_lag_slots 3", "# TYPE oln_finality_lag_slots gauge",
                     "# TYPE oln_host_receipts_issued_total counter"] {
            #expect(text.split(separator: "\n").contains(Substring(line)), "missing \(line)")
        }
    }

    @Test("before the first batch the lag is the slot; a node without the host role has no receipt sample")
    func beforeFirstBatch() {
        let registry = MetricsRegistry()
        let status = Self.status(receipts: nil)
        NodeMetrics.register(in: registry, status: { status }, lastBatchSlot: { nil })
        let lines = registry.exposition().split(separator: "\n")
        #expect(lines.contains("oln_finality_lag_slots 40"))
        #expect(lines.contains("oln_host_adapters 0"))
        #expect(!lines.contains { $0.hasPrefix("oln_host_receipts_issued_total ") })
    }

    @Test("the gossip counters are exposed as counters, read at the scrape")
    func gossip() {
        let registry = MetricsRegistry()
        var counters = GossipCounters()
        counters.received = 12
        counters.duplicates = 5
        counters.outboundDropped = 2
        var batches = GossipTopicStatistics()
        batches.messagesReceived = 7
        batches.duplicateMessages = 3
        var transactions = GossipTopicStatistics()
        transactions.messagesPublished = 4
        counters.topics = ["oln/1/batches": batches, "oln/1/transactions": transactions]
        let fixed = counters
        NodeMetrics.register(in: registry, gossip: { fixed })
        let text = registry.exposition()
        #expect(text.contains("# TYPE oln_gossip_messages_received_total counter"))
        #expect(text.contains("oln_gossip_messages_received_total 12"))
        #expect(text.contains("oln_gossip_duplicate_messages_total 5"))
        #expect(text.contains("oln_gossip_outbound_dropped_total 2"))
        #expect(text.contains("# TYPE oln_gossip_topic_received_total counter"))
        #expect(text.contains("oln_gossip_topic_received_total{topic=\"oln/1/batches\"} 7"))
        #expect(text.contains("oln_gossip_topic_received_total{topic=\"oln/1/transactions\"} 0"))
        #expect(text.contains("oln_gossip_topic_duplicates_total{topic=\"oln/1/batches\"} 3"))
        #expect(text.contains("oln_gossip_topic_published_total{topic=\"oln/1/transactions\"} 4"))
    }
}
