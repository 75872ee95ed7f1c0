import Gossip
import HTTP
import Ledger
import Node

/// The node's own gauges on the host's `GET /metrics`: peers, mempool, heights, slot and
/// finality lag, read from the runtime's status snapshot (updated each slot and after each
/// batch) and, for the last batch's slot, from a ledger connection of the metrics' own.
///
///     try NodeMetrics.register(in: server.metrics, runtime: runtime)
public enum NodeMetrics {
    /// Registers the families in `registry`; throws when the ledger cannot be opened.
    public static func register(in registry: MetricsRegistry, runtime: NodeRuntime) throws {
        let connection = try LedgerRoutesConnection(path: runtime.directory.chainPath)
        register(in: registry, status: { runtime.status }, lastBatchSlot: {
            connection.read { ledger in (try? ledger.lastArchivedBatch())?.slot }
        })
        register(in: registry, gossip: { runtime.gossipCounters })
    }

    /// The gossip counters (all topics together).
    static func register(in registry: MetricsRegistry, gossip: @escaping @Sendable () -> GossipCounters) {
        let counters: [(String, String, @Sendable (GossipCounters) -> Int)] = [
            ("oln_gossip_messages_received_total", "Published messages received from peers.", { $0.received }),
            ("oln_gossip_messages_delivered_total", "Messages delivered to the node.", { $0.delivered }),
            ("oln_gossip_duplicate_messages_total", "Messages already seen.", { $0.duplicates }),
            ("oln_gossip_rejected_messages_total", "Messages the node's validators rejected.", { $0.rejected }),
            ("oln_gossip_ignored_messages_total", "Messages the node's validators ignored.", { $0.ignored }),
            ("oln_gossip_messages_published_total", "Messages the node published.", { $0.published }),
            ("oln_gossip_messages_sent_total", "Copies of messages sent to peers.", { $0.sent }),
            ("oln_gossip_outbound_dropped_total", "Messages dropped from full or stale outbound queues.",
             { $0.outboundDropped }),
        ]
        for (name, help, read) in counters {
            registry.register(name, help: help, type: .counter) { [MetricSample(value: Double(read(gossip())))] }
        }
        register(in: registry, topicCounters: { gossip().topics })
    }

    /// The gossip counters by topic, one sample per topic labelled `topic`.
    static func register(in registry: MetricsRegistry,
                         topicCounters: @escaping @Sendable () -> [String: GossipTopicStatistics]) {
        let counters: [(String, String, @Sendable (GossipTopicStatistics) -> Int)] = [
            ("received", "Published messages received from peers, by topic.", { $0.messagesReceived }),
            ("delivered", "Messages delivered to the node, by topic.", { $0.messagesDelivered }),
            ("duplicates", "Messages already seen, by topic.", { $0.duplicateMessages }),
            ("rejected", "Messages the node's validators rejected, by topic.", { $0.rejectedMessages }),
            ("ignored", "Messages the node's validators ignored, by topic.", { $0.ignoredMessages }),
            ("published", "Messages the node published, by topic.", { $0.messagesPublished }),
            ("sent", "Copies of messages sent to peers, by topic.", { $0.messagesSent }),
        ]
        for (name, help, read) in counters {
            registry.register("oln_gossip_topic_\(name)_total", help: help, type: .counter) {
                topicCounters().sorted { $0.key < $1.key }.map { topic, statistics in
                    MetricSample(labels: [MetricLabel("topic", topic)], value: Double(read(statistics)))
                }
            }
        }
    }

    /// Registers the families over closures that give the status and the slot of the last
    /// finalized batch (nil before the first batch).
    static func register(in registry: MetricsRegistry, status: @escaping @Sendable () -> NodeStatus,
                         lastBatchSlot: @escaping @Sendable () -> UInt64?) {
        let gauges: [(String, String, @Sendable (NodeStatus) -> Double)] = [
            ("oln_peers", "Peers connected.", { Double($0.peers) }),
            ("oln_mempool_transactions", "Transactions waiting in the mempool.", { Double($0.mempool) }),
            ("oln_head_height", "Height of the last applied batch.", { Double($0.headHeight) }),
            ("oln_finalized_height", "Height of the last finalized batch.", { Double($0.finalizedHeight) }),
            ("oln_slot", "The current slot by the clock.", { Double($0.slot) }),
            ("oln_syncing", "1 while the node fetches or applies batches over /oln/sync/1, else 0.",
             { $0.syncing ? 1 : 0 }),
            ("oln_host_adapters", "Adapters the host serves.", { Double($0.hostedAdapters?.count ?? 0) }),
        ]
        for (name, help, read) in gauges {
            registry.register(name, help: help, type: .gauge) { read(status()) }
        }
        registry.register("oln_host_receipts_issued_total", help: "Inference receipts the host issued since it started.",
                          type: .counter) {
            status().receipts.map { [MetricSample(value: Double($0))] } ?? []
        }
        registry.register("oln_finality_lag_slots", help: "Slots since the slot of the last finalized batch "
                          + "(the current slot before the first batch).", type: .gauge) {
            let slot = status().slot
            let last = lastBatchSlot() ?? 0
            return Double(slot >= last ? slot - last : 0)
        }
    }
}
