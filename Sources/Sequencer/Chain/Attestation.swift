import Ledger
import Wire

/// A validator's vote that a batch is valid: signed with its account key under the tag
/// `oln/attestation/1`, carried as a `SignedMessage<Attestation>` envelope.
public struct Attestation: CanonicalMessage, Hashable {
    public static let domainTag = "oln/attestation/1"
    public static let byteCountMax = 128

    public var height: UInt64
    public var slot: UInt64
    /// The batch's hash (``BatchMessage/hash``).
    public var batchHash: [UInt8]

    public init(height: UInt64, slot: UInt64, batchHash: [UInt8]) {
        self.height = height
        self.slot = slot
        self.batchHash = batchHash
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(height, field: 1)
        writer.writeVarintIfNonZero(slot, field: 2)
        writer.writeBytes(batchHash, field: 3)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(height: 0, slot: 0, batchHash: [])
        var hash: [UInt8]?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: height = try field.uint64()
            case 2: slot = try field.uint64()
            case 3: hash = try field.hash32()
            default: throw .unknownField(field.number)
            }
        }
        batchHash = try hash.required(field: 3)
    }
}
