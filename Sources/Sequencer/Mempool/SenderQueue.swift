import Ledger

/// One account's held transactions by nonce, and the account's nonce on chain.
struct SenderQueue: Sendable {
    var accountNonce: UInt64
    private(set) var entries: [UInt64: MempoolEntry] = [:]

    init(accountNonce: UInt64) {
        self.accountNonce = accountNonce
    }

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// How many transactions continue the account's sequence without a gap.
    var readyCount: Int {
        var nonce = accountNonce
        while entries[nonce] != nil { nonce += 1 }
        return Int(nonce - accountNonce)
    }

    /// The ready transactions in nonce order.
    var ready: [MempoolEntry] {
        var result: [MempoolEntry] = []
        var nonce = accountNonce
        while let entry = entries[nonce] {
            result.append(entry)
            nonce += 1
        }
        return result
    }

    subscript(nonce: UInt64) -> MempoolEntry? {
        get { entries[nonce] }
        set { entries[nonce] = newValue }
    }

    /// Drops entries below the account's nonce or expired before `time`; returns how many.
    mutating func prune(time: UInt64) -> Int {
        let before = entries.count
        entries = entries.filter { $0.key >= accountNonce && $0.value.expiry >= time }
        return before - entries.count
    }

    /// The highest-nonce entry: the first to go when the account is over its cap.
    var last: MempoolEntry? {
        entries.keys.max().flatMap { entries[$0] }
    }
}
