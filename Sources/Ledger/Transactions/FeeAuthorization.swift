import Identity
import Wire

/// A client's permission, signed by the client and embedded in an ``InferenceReceipt``, for
/// `host` to charge up to `feeMax` once for an answer by the adapter `adapterHash`.
///
/// It travels as the `SignedEnvelope` of a `SignedMessage<FeeAuthorization>`; the client is
/// the envelope's signer.
public struct FeeAuthorization: CanonicalMessage, Hashable {
    public static let domainTag = "oln/fee-authorization/1"
    public static let byteCountMax = 512

    /// The host allowed to charge (field 1, required, 20 bytes).
    public var host: AccountAddress
    /// The adapter, or empty for the base model alone (field 2, empty or 32 bytes).
    public var adapterHash: [UInt8]
    /// The most the host may charge (field 3).
    public var feeMax: UInt128
    /// 32 bytes chosen by the client; usable once (field 4, required).
    public var authorizationID: [UInt8]
    /// The last slot time at which the receipt may apply (field 5, required, > 0).
    public var expiry: UInt64

    /// The message with the given fields.
    public init(host: AccountAddress, adapterHash: [UInt8], feeMax: UInt128, authorizationID: [UInt8], expiry: UInt64) {
        self.host = host
        self.adapterHash = adapterHash
        self.feeMax = feeMax
        self.authorizationID = authorizationID
        self.expiry = expiry
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeAccountAddress(host, field: 1)
        writer.writeBytesIfNotEmpty(adapterHash, field: 2)
        writer.writeAmount(feeMax, field: 3)
        writer.writeBytesIfNotEmpty(authorizationID, field: 4)
        writer.writeVarintIfNonZero(expiry, field: 5)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var host: AccountAddress?
        var adapterHash: [UInt8] = []
        var feeMax: UInt128 = 0
        var authorizationID: [UInt8]?
        var expiry: UInt64 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: host = try field.accountAddress()
            case 2: adapterHash = try field.hash32()
            case 3: feeMax = try field.amount()
            case 4: authorizationID = try field.hash32()
            case 5: expiry = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard expiry != 0 else { throw .missingField(5) }
        self.init(
            host: try host.required(field: 1), adapterHash: adapterHash, feeMax: feeMax,
            authorizationID: try authorizationID.required(field: 4), expiry: expiry
        )
    }
}
