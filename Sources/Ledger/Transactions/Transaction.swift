// Transactions: the messages an account signs to act on the ledger, their Swift types and
// their canonical codecs, as docs/transactions.proto specifies them.
//
// A transaction travels as the envelope of a `SignedMessage<Transaction>`; the sender is
// the envelope signer's account. The signed bytes and the body look like this (a transfer
// of 10^18 base units with fee 1000, nonce 1, expiry 1700000000):
//
//     08 len "oln/tx/1"  chain id (8 bytes, big-endian)   Transaction body
//     08 01                 nonce = 1                  (field 1, varint)
//     12 02 03e8            fee = 1000                 (field 2, amount: big-endian bytes)
//     18 80e2cfaa06         expiry = 1700000000        (field 3, varint)
//     52 20                 transfer                   (field 10, the `kind` oneof)
//        0a 14 <20 bytes>   to                         (account address)
//        12 08 0de0b6b3a7640000  amount = 10^18
//
// Decoding checks shape only (sizes, limits, roles, required fields, canonical form), so a
// decoded transaction is well-formed; everything that needs state is the state machine's.
// Amounts are `UInt128` (the `Amount` of the ledger) written as 0 to 16 big-endian bytes.
//
// Imports: Identity (AccountAddress, CanonicalMessage, SignedMessage), Wire.
import Identity
import Wire

/// A signed transaction: a ``Transaction`` in a `SignedEnvelope`.
public typealias SignedTransaction = SignedMessage<Transaction>

/// What an account signs to act on the ledger (`Transaction` in docs/transactions.proto).
public struct Transaction: CanonicalMessage, Hashable {
    public static let domainTag = "oln/tx/1"
    public static let byteCountMax = 65_536

    /// The sender's next nonce: 0 for its first transaction (field 1).
    public var nonce: UInt64
    /// The fee, paid in full whether the transaction applies or fails (field 2).
    public var fee: UInt128
    /// The last slot time (inclusive) at which it may be applied (field 3, required, > 0).
    public var expiry: UInt64
    /// What the transaction does (fields 10 to 50, exactly one).
    public var kind: TransactionKind

    /// A transaction with the given fields.
    public init(nonce: UInt64, fee: UInt128, expiry: UInt64, kind: TransactionKind) {
        self.nonce = nonce
        self.fee = fee
        self.expiry = expiry
        self.kind = kind
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(nonce, field: 1)
        writer.writeAmount(fee, field: 2)
        writer.writeVarintIfNonZero(expiry, field: 3)
        kind.encode(to: &writer)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var nonce: UInt64 = 0
        var fee: UInt128 = 0
        var expiry: UInt64 = 0
        var kind: TransactionKind?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: nonce = try field.uint64()
            case 2: fee = try field.amount()
            case 3: expiry = try field.uint64()
            default:
                guard TransactionKind.allFieldNumbers.contains(field.number) else { throw .unknownField(field.number) }
                guard let existing = kind else {
                    kind = try TransactionKind(field: field, in: reader)
                    continue
                }
                throw .valueOutOfRange("a transaction has one kind, but \(existing.name) is followed by field \(field.number)")
            }
        }
        guard expiry != 0 else { throw .missingField(3) }
        self.init(nonce: nonce, fee: fee, expiry: expiry, kind: try kind.required(field: 10))
    }
}
