import Identity

/// A transaction whose every signature was checked before the batch was applied: the
/// sender's, and for an inference receipt the client's fee authorisation nested in it.
///
/// Verifying is stateless, so peers do it in parallel (and ahead of time) while the state
/// machine applies batches one by one on one core. The state machine uses the nested
/// authorisation only if it is the very envelope the receipt carries; otherwise, or when
/// it is absent, it verifies the envelope itself, so the outcome is the same either way.
public struct PreverifiedTransaction: Sendable {
    public let transaction: SignedTransaction
    /// The receipt's fee authorisation, when the transaction is a receipt and it verified.
    public let feeAuthorization: SignedMessage<FeeAuthorization>?

    /// Decodes and verifies `envelope` for `chainID`, and a receipt's nested authorisation.
    public static func verify(_ envelope: [UInt8], chainID: UInt64) throws(SignedMessageError) -> PreverifiedTransaction {
        try PreverifiedTransaction(SignedTransaction.verified(envelope, chainID: chainID), chainID: chainID)
    }

    /// Verifies the nested authorisation of an already verified transaction.
    public init(_ transaction: SignedTransaction, chainID: UInt64) {
        self.transaction = transaction
        if case .inferenceReceipt(let receipt) = transaction.body.kind {
            feeAuthorization = try? SignedMessage<FeeAuthorization>.verified(receipt.clientAuthorization, chainID: chainID)
        } else {
            feeAuthorization = nil
        }
    }
}
