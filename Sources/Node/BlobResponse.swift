import Wire

/// The answer to a ``BlobRequest``.
///
///     message BlobResponse {
///       uint64 id = 1;          // the request's
///       Status status = 2;      // 0 found, 1 not held, 2 offset past the end
///       uint64 total_size = 3;  // the whole blob's size (found only)
///       uint64 offset = 4;      // the request's offset (found only)
///       bytes data = 5;         // min(length, total_size − offset) bytes (found only)
///     }
public struct BlobResponse: Sendable, Equatable {
    public enum Status: UInt64, Sendable {
        case found = 0, notHeld = 1, offsetPastEnd = 2
    }

    /// Largest encoded response: a whole chunk and its fields.
    public static let byteCountMax = Int(BlobRequest.chunkByteCountMax) + 64

    public var id: UInt64
    public var status: Status
    public var totalSize: UInt64
    public var offset: UInt64
    public var data: [UInt8]

    public init(id: UInt64, status: Status, totalSize: UInt64 = 0, offset: UInt64 = 0, data: [UInt8] = []) {
        self.id = id
        self.status = status
        self.totalSize = totalSize
        self.offset = offset
        self.data = data
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(id, field: 1)
        writer.writeVarintIfNonZero(status.rawValue, field: 2)
        writer.writeVarintIfNonZero(totalSize, field: 3)
        writer.writeVarintIfNonZero(offset, field: 4)
        if !data.isEmpty { writer.writeBytes(data, field: 5) }
        return writer.bytes
    }

    /// A response from a peer; refuses non-canonical bytes, unknown statuses and data
    /// beyond a chunk.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> BlobResponse {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("blob response bytes", limit: byteCountMax) }
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        limits.fieldByteCountMax = byteCountMax
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        var response = BlobResponse(id: 0, status: .found)
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: response.id = try field.uint64()
            case 2:
                guard let status = Status(rawValue: try field.uint64()), status != .found else {
                    throw .valueOutOfRange("an unknown blob response status, or an explicit 'found' (left out)")
                }
                response.status = status
            case 3:
                response.totalSize = try field.uint64()
                guard response.totalSize != 0 else { throw .nonCanonical("a zero size is left out") }
            case 4:
                response.offset = try field.uint64()
                guard response.offset != 0 else { throw .nonCanonical("a zero offset is left out") }
            case 5:
                response.data = try field.bytes()
                guard !response.data.isEmpty else { throw .nonCanonical("empty data is left out") }
            default: throw .unknownField(field.number)
            }
        }
        guard response.id != 0 else { throw .missingField(1) }
        guard response.data.count <= Int(BlobRequest.chunkByteCountMax) else {
            throw .limitExceeded("blob response data", limit: Int(BlobRequest.chunkByteCountMax))
        }
        guard response.status == .found || (response.totalSize == 0 && response.offset == 0 && response.data.isEmpty) else {
            throw .valueOutOfRange("a blob response without the blob carries no size, offset or data")
        }
        return response
    }
}
