import Ledger
import Sodium
import Wire

/// A batch as the leader gossips it: its signed header, its transactions, and the
/// certificate that finalized an earlier batch (so finality travels with the chain).
///
///     message BatchMessage {
///       bytes header = 1;                  // SignedEnvelope of a BatchHeader, signed by the slot's leader
///       repeated bytes transactions = 2;   // SignedEnvelopes of Transactions, in order
///       FinalityCertificate certificate = 3;   // optional
///     }
///
/// The header commits to the transactions (``TransactionsRoot``) and to the state root
/// after applying them; the batch's hash is BLAKE2b-256 of the header's canonical body.
public struct BatchMessage: Sendable {
    /// Most transactions a batch message may carry, whatever the governed limit.
    public static let transactionCountMax = 100_000
    /// Largest batch message.
    public static let byteCountMax = 64 << 20

    public let header: SignedMessage<BatchHeader>
    public let transactions: [SignedTransaction]
    public let certificate: FinalityCertificate?

    public init(header: SignedMessage<BatchHeader>, transactions: [SignedTransaction], certificate: FinalityCertificate?) {
        self.header = header
        self.transactions = transactions
        self.certificate = certificate
    }

    /// The batch's identity.
    public var hash: [UInt8] { BLAKE2b256.hash(header.bodyBytes) }
    /// The leader that signed it.
    public var leader: AccountAddress { header.signerAddress }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(header.envelopeBytes, field: 1)
        for transaction in transactions { writer.writeBytes(transaction.envelopeBytes, field: 2) }
        if let certificate { writer.writeMessage(certificate, field: 3) }
        return writer.bytes
    }

    /// Decodes a batch message and verifies every signature in it for `chainID`: the
    /// header's and each transaction's. The certificate's signatures need the validator
    /// set and are checked by the caller.
    /// Transactions whose envelopes `knownValid` holds are decoded without checking their
    /// signatures again.
    public static func decode(_ bytes: [UInt8], chainID: UInt64,
                              knownValid: VerifiedEnvelopes? = nil) throws(BatchMessageError) -> BatchMessage {
        guard bytes.count <= byteCountMax else { throw .tooLarge(bytes.count) }
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        limits.fieldCountMax = transactionCountMax + 2
        var header: SignedMessage<BatchHeader>?
        var transactions: [SignedTransaction] = []
        var certificate: FinalityCertificate?
        do {
            var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
            var previous = 0
            while let field = try reader.nextField(after: &previous, repeatable: 2) {
                switch field.number {
                case 1: header = try verifiedHeader(field.bytes(), chainID: chainID)
                case 2:
                    transactions.append(try verifiedTransaction(field.bytes(), index: transactions.count, chainID: chainID,
                                                                knownValid: knownValid))
                case 3:
                    var nested = try reader.nestedReader(for: field)
                    certificate = try FinalityCertificate(from: &nested)
                default: throw WireError.unknownField(field.number)
                }
            }
        } catch let error as BatchMessageError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        guard let header else { throw .malformed("the header is missing") }
        return BatchMessage(header: header, transactions: transactions, certificate: certificate)
    }

    private static func verifiedHeader(_ bytes: [UInt8], chainID: UInt64) throws -> SignedMessage<BatchHeader> {
        do {
            return try SignedMessage<BatchHeader>.verified(bytes, chainID: chainID)
        } catch {
            throw BatchMessageError.invalidHeader("\(error)")
        }
    }

    private static func verifiedTransaction(_ bytes: [UInt8], index: Int, chainID: UInt64,
                                            knownValid: VerifiedEnvelopes?) throws -> SignedTransaction {
        do {
            return try SignedTransaction.verified(bytes, chainID: chainID, knownValid: knownValid)
        } catch {
            throw BatchMessageError.invalidTransaction(index: index, "\(error)")
        }
    }
}
