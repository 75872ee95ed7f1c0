import Ledger

/// A held transaction and what ordering needs of it.
struct MempoolEntry: Sendable {
    let transaction: SignedTransaction
    let sender: AccountAddress
    /// Fee per byte of canonical body: the priority among senders.
    let feePerByte: Amount
    /// Arrival order, to break ties between equal priorities deterministically.
    let arrival: UInt64

    var nonce: UInt64 { transaction.body.nonce }
    var fee: Amount { transaction.body.fee }
    var expiry: UInt64 { transaction.body.expiry }

    init(transaction: SignedTransaction, sender: AccountAddress, arrival: UInt64) {
        self.transaction = transaction
        self.sender = sender
        self.arrival = arrival
        feePerByte = transaction.body.fee / Amount(max(1, transaction.bodyBytes.count))
    }

    /// Whether this entry goes into a batch before `other` (higher fee per byte, then earlier).
    func precedes(_ other: MempoolEntry) -> Bool {
        feePerByte != other.feePerByte ? feePerByte > other.feePerByte : arrival < other.arrival
    }
}
