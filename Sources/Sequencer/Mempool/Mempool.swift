import Ledger

/// Transactions waiting for a batch: per-sender nonce queues, ordered across senders by
/// fee per byte (geth's txpool, simplified).
///
/// A transaction is *ready* when its nonce continues its account's on-chain nonce without
/// a gap, and *queued* otherwise. Only validated transactions are offered (signature,
/// chain, fee minimum: the caller's job), so the pool trusts what it holds. A held
/// transaction with the same sender and nonce is replaced only by one paying at least
/// ``MempoolLimits/replacementBumpPercent`` more. After every batch ``update(accountNonces:time:)``
/// drops what was included or expired and promotes what became ready.
public struct Mempool: Sendable {
    public let limits: MempoolLimits
    private var senders: [AccountAddress: SenderQueue] = [:]
    private var known: Set<[UInt8]> = []
    private var arrivals: UInt64 = 0
    /// Transactions held.
    public private(set) var count = 0
    /// Offers not kept, by reason.
    public private(set) var refusals: [MempoolRefusal: Int] = [:]
    /// Transactions dropped after being held (included elsewhere, expired, evicted).
    public private(set) var dropped = 0

    public init(limits: MempoolLimits = .standard) {
        self.limits = limits
    }

    /// The most transactions held at once.
    public var capacity: Int { limits.readyMax + limits.queuedMax }

    /// Offers a validated transaction. `accountNonce` is the sender's next nonce on chain,
    /// `minimumFee` the least fee its kind and size must pay, `time` the current slot time.
    public mutating func add(_ transaction: SignedTransaction, accountNonce: UInt64, minimumFee: Amount,
                             time: UInt64) -> MempoolAdmission {
        let admission = admit(transaction, accountNonce: accountNonce, minimumFee: minimumFee, time: time)
        if case .refused(let reason) = admission { refusals[reason, default: 0] += 1 }
        return admission
    }

    private mutating func admit(_ transaction: SignedTransaction, accountNonce: UInt64, minimumFee: Amount,
                                time: UInt64) -> MempoolAdmission {
        let body = transaction.body
        guard body.nonce >= accountNonce else { return .refused(.staleNonce) }
        guard body.nonce - accountNonce < limits.nonceLookaheadMax else { return .refused(.nonceTooFarAhead) }
        guard body.expiry >= time else { return .refused(.expired) }
        guard body.fee >= minimumFee else { return .refused(.feeTooLow) }
        let id = transaction.id
        guard !known.contains(id) else { return .refused(.known) }
        let sender = transaction.signerAddress
        var queue = senders[sender] ?? SenderQueue(accountNonce: accountNonce)
        queue.accountNonce = max(queue.accountNonce, accountNonce)
        arrivals += 1
        let entry = MempoolEntry(transaction: transaction, sender: sender, arrival: arrivals)
        if let held = queue[body.nonce] {
            guard body.fee >= held.fee + held.fee * limits.replacementBumpPercent / 100, body.fee > held.fee else {
                return .refused(.underpricedReplacement)
            }
            known.remove(held.transaction.id)
            queue[body.nonce] = entry
            known.insert(id)
            senders[sender] = queue
            return .replaced
        }
        queue[body.nonce] = entry
        let ready = queue.readyCount
        guard ready <= limits.readyPerAccountMax, queue.count - ready <= limits.queuedPerAccountMax else {
            return .refused(.full)
        }
        if count >= capacity {
            guard evictLowest(below: entry, sparing: sender) else { return .refused(.full) }
        }
        senders[sender] = queue
        known.insert(id)
        count += 1
        return .added(ready: body.nonce < accountNonce + UInt64(ready))
    }

    /// Drops the lowest-priority last transaction of any other sender if `entry` outbids it.
    private mutating func evictLowest(below entry: MempoolEntry, sparing sender: AccountAddress) -> Bool {
        var lowest: MempoolEntry?
        for (owner, queue) in senders where owner != sender {
            guard let last = queue.last else { continue }
            if lowest.map({ $0.precedes(last) }) ?? true { lowest = last }
        }
        guard let lowest, entry.precedes(lowest) else { return false }
        senders[lowest.sender]![lowest.nonce] = nil
        if senders[lowest.sender]!.isEmpty { senders[lowest.sender] = nil }
        known.remove(lowest.transaction.id)
        count -= 1
        dropped += 1
        return true
    }

    /// Up to `limit` ready transactions and `byteLimit` body bytes for a batch: each
    /// sender's in nonce order, senders interleaved by fee per byte.
    public func candidates(limit: Int, byteLimit: Int) -> [SignedTransaction] {
        var heads = MempoolHeap()
        var readyLists: [AccountAddress: [MempoolEntry]] = [:]
        for (sender, queue) in senders {
            let ready = queue.ready
            guard let first = ready.first else { continue }
            readyLists[sender] = ready
            heads.push(MempoolHeap.Item(entry: first, index: 0))
        }
        var result: [SignedTransaction] = []
        var bytes = 0
        while result.count < limit, let item = heads.pop() {
            let size = item.entry.transaction.bodyBytes.count
            guard bytes + size <= byteLimit else { continue }
            result.append(item.entry.transaction)
            bytes += size
            let list = readyLists[item.entry.sender]!
            if item.index + 1 < list.count { heads.push(MempoolHeap.Item(entry: list[item.index + 1], index: item.index + 1)) }
        }
        return result
    }

    /// After a batch: each sender's on-chain nonce (from `accountNonces`) drops what was
    /// included or replaced on chain; transactions expired at `time` go too.
    public mutating func update(accountNonces: (AccountAddress) throws -> UInt64, time: UInt64) rethrows {
        for sender in senders.keys.sorted() {
            var queue = senders[sender]!
            queue.accountNonce = try accountNonces(sender)
            let removedIDs = queue.entries.values.filter { $0.nonce < queue.accountNonce || $0.expiry < time }
                .map(\.transaction.id)
            let removed = queue.prune(time: time)
            for id in removedIDs { known.remove(id) }
            count -= removed
            dropped += removed
            senders[sender] = queue.isEmpty ? nil : queue
        }
    }

    /// Whether the pool holds the transaction with this envelope id.
    public func contains(id: [UInt8]) -> Bool { known.contains(id) }

    /// Held transactions that continue their accounts' nonces.
    public var readyCount: Int { senders.values.reduce(0) { $0 + $1.readyCount } }
}
