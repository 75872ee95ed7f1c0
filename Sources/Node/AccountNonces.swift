import Foundation

/// The node account's next nonce for the transactions its services sign (receipts and
/// listings of the host, votes of the curator): the ledger's, or one past the last handed
/// out when that is ahead (submitted but not yet in a batch). One per runtime, shared by the
/// services, so that two of them never sign the same nonce. Thread-safe.
///
/// A transaction the mempool took can still be dropped (it expired, or a peer's mempool
/// evicted it); then the ledger's nonce stops short of the counter and every later one would
/// wait behind the gap. So when the ledger's nonce has not moved for `staleObservationCountMax`
/// observations while transactions are outstanding, the counter falls back to the ledger's.
public final class AccountNonces: @unchecked Sendable {
    /// Observations of an unmoving ledger nonce, with votes outstanding, before the
    /// counter falls back to it.
    public let staleObservationCountMax: Int
    private let lock = NSLock()
    private var lastUsed: UInt64?
    private var lastLedgerNonce: UInt64?
    private var staleObservationCount = 0

    public init(staleObservationCountMax: Int = 20) {
        precondition(staleObservationCountMax > 0, "the stale observation count must be positive")
        self.staleObservationCountMax = staleObservationCountMax
    }

    /// Records the ledger's next nonce, once per round of a service.
    public func observe(ledgerNonce: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard let used = lastUsed, used >= ledgerNonce else {
            lastUsed = nil
            staleObservationCount = 0
            lastLedgerNonce = ledgerNonce
            return
        }
        if lastLedgerNonce == ledgerNonce {
            staleObservationCount += 1
        } else {
            staleObservationCount = 0
        }
        lastLedgerNonce = ledgerNonce
        if staleObservationCount >= staleObservationCountMax {
            lastUsed = nil
            staleObservationCount = 0
        }
    }

    /// The next nonce given the ledger's next nonce, marked as used.
    public func next(ledgerNonce: UInt64) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let nonce = lastUsed.map { max(ledgerNonce, $0 &+ 1) } ?? ledgerNonce
        lastUsed = nonce
        return nonce
    }

    /// Gives back `nonce` when its transaction was refused and no later one was handed out,
    /// so that no gap blocks the next.
    public func release(_ nonce: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard lastUsed == nonce else { return }
        lastUsed = nonce == 0 ? nil : nonce - 1
    }
}
