import Foundation
import Ledger

/// The host's next nonce: the ledger's, or one past the last this process used when that
/// is ahead (receipts submitted but not yet final). Thread-safe.
final class HostNonces: @unchecked Sendable {
    private let lock = NSLock()
    private var lastUsed: UInt64?

    /// The next nonce given the ledger's next nonce, marked as used.
    func next(ledgerNonce: UInt64) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let nonce = lastUsed.map { max(ledgerNonce, $0 + 1) } ?? ledgerNonce
        lastUsed = nonce
        return nonce
    }

    /// Gives back `nonce` when its transaction was not taken and no later one was handed out,
    /// so that no gap blocks the next.
    func release(_ nonce: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard lastUsed == nonce else { return }
        lastUsed = nonce == 0 ? nil : nonce - 1
    }
}
