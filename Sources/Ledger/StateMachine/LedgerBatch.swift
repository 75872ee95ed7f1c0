/// What the state machine applies: transactions in order at one slot time.
///
/// The sequencer wraps this in a signed batch with parent hash and state root; the
/// ledger needs only the parts that change state.
public struct LedgerBatch: Sendable {
    /// One more than the previous batch's height.
    public var height: UInt64
    /// The slot's time in seconds since 1970: the only clock the state machine reads.
    public var time: UInt64
    /// The sequencer that built the batch; it receives the transaction fees not burned.
    public var leader: AccountAddress?
    /// Verified transactions (``SignedTransaction/verified(_:chainID:)``), in order.
    public var transactions: [SignedTransaction]
    /// For each transaction, its nested fee authorisation if it was verified beforehand
    /// (``PreverifiedTransaction``); empty when nothing was.
    public var feeAuthorizations: [SignedMessage<FeeAuthorization>?]

    public init(height: UInt64, time: UInt64, leader: AccountAddress?, transactions: [SignedTransaction]) {
        self.height = height
        self.time = time
        self.leader = leader
        self.transactions = transactions
        feeAuthorizations = []
    }

    /// A batch of transactions whose signatures, nested ones included, were checked.
    public init(height: UInt64, time: UInt64, leader: AccountAddress?, preverified: [PreverifiedTransaction]) {
        self.init(height: height, time: time, leader: leader, transactions: preverified.map(\.transaction))
        feeAuthorizations = preverified.map(\.feeAuthorization)
    }
}
