import Identity

/// One transaction as a handler sees it.
struct TransactionContext {
    let sender: AccountAddress
    let transaction: Transaction
    /// The identifier of whatever the transaction creates (``LedgerIdentifier``).
    let createdID: [UInt8]
    /// The batch's time.
    let time: UInt64
    /// The receipt's fee authorisation, if it was verified before the batch.
    let feeAuthorization: SignedMessage<FeeAuthorization>?
}
