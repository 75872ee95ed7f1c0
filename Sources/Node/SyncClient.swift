import Identity
import Ledger

/// The catching-up side of sync: whether the node wants batches, the one request in
/// flight, and the peers it will not ask for a while.
struct SyncClient {
    struct Request {
        let stream: SyncStream.Key
        let peer: PeerID
        let request: SyncRequest
        let sentAt: Duration
    }

    /// How long a peer that failed a request is not asked again.
    static let banDuration: Duration = .seconds(60)
    /// The most transactions held while catching up; more are ignored.
    static let heldTransactionCountMax = 1_024

    /// Set when the node learnt that peers are ahead; cleared when a peer says it has no more.
    var wanted = true
    var active: Request?
    /// Responses decoded on the worker pool and not yet applied.
    var isApplying = false
    var nextRequestID: UInt64 = 1
    var banned: [PeerID: Duration] = [:]
    /// Batches applied from sync since the node started.
    var appliedCount = 0
    /// Transactions whose fee the node's old state did not cover, held until it caught up.
    private(set) var heldTransactions: [SignedTransaction] = []
    private var heldIDs = Set<[UInt8]>()

    /// Holds `transaction`; false when it is held already or the table is full.
    mutating func hold(_ transaction: SignedTransaction) -> Bool {
        guard heldTransactions.count < Self.heldTransactionCountMax, heldIDs.insert(transaction.id).inserted else {
            return false
        }
        heldTransactions.append(transaction)
        return true
    }

    /// The held transactions, in arrival order, emptying the table.
    mutating func takeHeld() -> [SignedTransaction] {
        defer {
            heldTransactions = []
            heldIDs = []
        }
        return heldTransactions
    }

    mutating func isBanned(_ peer: PeerID, now: Duration) -> Bool {
        guard let until = banned[peer] else { return false }
        if until <= now {
            banned[peer] = nil
            return false
        }
        return true
    }

    mutating func ban(_ peer: PeerID, now: Duration) {
        banned[peer] = now + Self.banDuration
    }

    var isBusy: Bool { active != nil || isApplying }
}
