import Identity
import Ledger
import Sodium

/// Signs transactions a node makes itself (evidence) or on behalf of its operator
/// (`oln tx transfer`), paying the least fee the parameters ask unless told otherwise.
public enum TransactionBuilder {
    /// How long a transaction made here stays valid.
    public static let expirySeconds: UInt64 = 3_600

    /// `(base gas of the kind + gas per byte · body bytes) · gas price`, as the ledger
    /// computes the minimum, saturating.
    public static func minimumFee(of transaction: Transaction, parameters: LedgerParameters) -> Amount {
        let bodyByteCount = Amount(transaction.canonicalBytes.count)
        let byteGas = parameters[.gasPerByte].multipliedReportingOverflow(by: bodyByteCount)
        let gas = parameters.baseGas(forKind: transaction.kind.name).addingReportingOverflow(byteGas.partialValue)
        let fee = gas.partialValue.multipliedReportingOverflow(by: parameters[.gasPrice])
        return byteGas.overflow || gas.overflow || fee.overflow ? Amount.max : fee.partialValue
    }

    /// A transaction of `kind` signed with `key`. Without a `fee` it pays the minimum: the
    /// fee's own bytes change the size, so the fee is raised until it covers itself.
    public static func signed(_ kind: TransactionKind, nonce: UInt64, fee: Amount?, expiry: UInt64,
                              parameters: LedgerParameters, chainID: UInt64, key: Ed25519PrivateKey) -> SignedTransaction {
        var transaction = Transaction(nonce: nonce, fee: fee ?? 0, expiry: expiry, kind: kind)
        if fee == nil {
            for _ in 0..<4 {
                let minimum = minimumFee(of: transaction, parameters: parameters)
                if transaction.fee >= minimum { break }
                transaction.fee = minimum
            }
        }
        return SignedTransaction(signing: transaction, chainID: chainID, with: key)
    }
}
