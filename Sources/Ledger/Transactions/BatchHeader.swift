import Identity
import Wire

/// A batch header as its leader signs it; it travels as the `SignedEnvelope` of a
/// `SignedMessage<BatchHeader>`.
public struct BatchHeader: CanonicalMessage, Hashable {
    public static let domainTag = "oln/batch-header/1"
    public static let byteCountMax = 1024

    /// The batch's height (field 1).
    public var height: UInt64
    /// The slot the batch was made in (field 2).
    public var slot: UInt64
    /// The previous batch's hash (field 3, required, 32 bytes).
    public var parentHash: [UInt8]
    /// The root over the batch's transactions (field 4, required, 32 bytes).
    public var transactionsRoot: [UInt8]
    /// The state root after the batch (field 5, required, 32 bytes).
    public var stateRoot: [UInt8]
    /// The slot time, in seconds since 1970-01-01 UTC (field 6).
    public var time: UInt64

    /// The message with the given fields.
    public init(height: UInt64, slot: UInt64, parentHash: [UInt8], transactionsRoot: [UInt8], stateRoot: [UInt8], time: UInt64) {
        self.height = height
        self.slot = slot
        self.parentHash = parentHash
        self.transactionsRoot = transactionsRoot
        self.stateRoot = stateRoot
        self.time = time
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(height, field: 1)
        writer.writeVarintIfNonZero(slot, field: 2)
        writer.writeBytesIfNotEmpty(parentHash, field: 3)
        writer.writeBytesIfNotEmpty(transactionsRoot, field: 4)
        writer.writeBytesIfNotEmpty(stateRoot, field: 5)
        writer.writeVarintIfNonZero(time, field: 6)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var parentHash: [UInt8]?
        var transactionsRoot: [UInt8]?
        var stateRoot: [UInt8]?
        self.init(height: 0, slot: 0, parentHash: [], transactionsRoot: [], stateRoot: [], time: 0)
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: height = try field.uint64()
            case 2: slot = try field.uint64()
            case 3: parentHash = try field.hash32()
            case 4: transactionsRoot = try field.hash32()
            case 5: stateRoot = try field.hash32()
            case 6: time = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        self.parentHash = try parentHash.required(field: 3)
        self.transactionsRoot = try transactionsRoot.required(field: 4)
        self.stateRoot = try stateRoot.required(field: 5)
    }
}
