import Foundation
import Ledger

/// Where a node stands: what a running node writes to `<dir>/status.json` each slot, and
/// what `oln status` prints (JSON keys in snake case).
///
/// Every applied batch is final (a batch is applied only once decided), so the head and
/// the finalized height are the same number: the last batch in the ledger.
public struct NodeStatus: Codable, Sendable, Equatable {
    /// The last applied batch's height (0: genesis only).
    public var headHeight: UInt64
    /// The last finalized batch's height.
    public var finalizedHeight: UInt64
    /// The current slot by the clock.
    public var slot: UInt64
    /// The account address of the current slot's leader.
    public var leader: String
    /// Peers connected; 0 when the node is not running.
    public var peers: Int
    /// Transactions in the mempool; 0 when the node is not running.
    public var mempool: Int
    /// Whether a node process was running this directory when the status was taken.
    public var running: Bool
    /// Whether the node was fetching or applying batches over `/oln/sync/1`.
    public var syncing: Bool
    public var chainID: UInt64
    /// The node's libp2p peer id.
    public var peerID: String
    /// The addresses peers can dial, with `/p2p/<peer id>`; empty when not running.
    public var listen: [String]
    /// The node process's id; nil when not running.
    public var processID: Int32?
    /// When the status was taken, milliseconds since 1970.
    public var updatedAtMilliseconds: UInt64
    /// The HTTP API's address (`http://host:port`); nil when the API is off.
    public var api: String?
    /// The adapters the host serves, by hash; nil without the host role.
    public var hostedAdapters: [String]?
    /// The inference receipts the host issued since it started; nil without the host role.
    public var receipts: Int?
    /// The inference requests the host served (answered, whatever the outcome) since it
    /// started; nil without the host role.
    public var servedRequests: Int?

    enum CodingKeys: String, CodingKey {
        case headHeight = "head_height", finalizedHeight = "finalized_height", slot, leader, peers, mempool, running,
             syncing, chainID = "chain_id", peerID = "peer_id", listen, processID = "pid",
             updatedAtMilliseconds = "updated_at_ms", api, hostedAdapters = "hosted_adapters", receipts,
             servedRequests = "served_requests"
    }

    public init(headHeight: UInt64, finalizedHeight: UInt64, slot: UInt64, leader: String, peers: Int, mempool: Int,
                running: Bool, syncing: Bool, chainID: UInt64, peerID: String, listen: [String], processID: Int32?,
                updatedAtMilliseconds: UInt64) {
        self.headHeight = headHeight
        self.finalizedHeight = finalizedHeight
        self.slot = slot
        self.leader = leader
        self.peers = peers
        self.mempool = mempool
        self.running = running
        self.syncing = syncing
        self.chainID = chainID
        self.peerID = peerID
        self.listen = listen
        self.processID = processID
        self.updatedAtMilliseconds = updatedAtMilliseconds
    }

    /// Largest status file read.
    public static let byteCountMax = 64 * 1024

    /// The status as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A status file's contents, or nil when it is missing, too large or not a status.
    public static func read(from path: String) -> NodeStatus? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= byteCountMax else { return nil }
        return try? JSONDecoder().decode(NodeStatus.self, from: data)
    }
}
