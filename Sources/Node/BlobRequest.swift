import Ledger
import Wire

/// A request on `/oln/blob/1`: one range of a content-addressed blob.
///
///     message BlobRequest {
///       uint64 id = 1;       // echoed in the response; nonzero
///       bytes hash = 2;      // BLAKE2b-256 of the whole blob
///       uint64 offset = 3;   // the first byte wanted
///       uint64 length = 4;   // 1 … chunkByteCountMax
///     }
public struct BlobRequest: Sendable, Equatable {
    /// Largest encoded request.
    public static let byteCountMax = 96
    /// Most bytes one request asks for.
    public static let chunkByteCountMax: UInt64 = 256 << 10

    public var id: UInt64
    public var hash: [UInt8]
    public var offset: UInt64
    public var length: UInt64

    /// - Precondition: a nonzero id, a 32-byte hash, a length in `1…chunkByteCountMax`.
    public init(id: UInt64, hash: [UInt8], offset: UInt64, length: UInt64) {
        precondition(id != 0 && hash.count == 32 && (1...Self.chunkByteCountMax).contains(length),
                     "a blob request has a nonzero id, a 32-byte hash and 1 to 256 KiB")
        self.id = id
        self.hash = hash
        self.offset = offset
        self.length = length
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(id, field: 1)
        writer.writeBytes(hash, field: 2)
        writer.writeVarintIfNonZero(offset, field: 3)
        writer.writeVarintIfNonZero(length, field: 4)
        return writer.bytes
    }

    /// A request from a peer; refuses non-canonical bytes and values out of range.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> BlobRequest {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("blob request bytes", limit: byteCountMax) }
        var reader = try ProtobufReader(bytes, limits: .standard, strictness: .canonical)
        var id: UInt64 = 0, offset: UInt64 = 0, length: UInt64 = 0
        var hash: [UInt8]?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: id = try field.uint64()
            case 2: hash = try field.hash32()
            case 3:
                offset = try field.uint64()
                guard offset != 0 else { throw .nonCanonical("a zero offset is left out") }
            case 4: length = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard let hash else { throw .missingField(2) }
        guard id != 0, (1...chunkByteCountMax).contains(length) else {
            throw .valueOutOfRange("a blob request has a nonzero id and asks for 1 to \(chunkByteCountMax) bytes")
        }
        return BlobRequest(id: id, hash: hash, offset: offset, length: length)
    }
}
