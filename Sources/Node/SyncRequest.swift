import Ledger
import Wire

/// A request on `/oln/sync/1`: finalized batches from a height on.
///
///     message SyncRequest {
///       uint64 id = 1;            // echoed in the response
///       uint64 from_height = 2;   // ≥ 1
///       uint64 count = 3;         // 1 … countMax
///     }
public struct SyncRequest: Sendable, Equatable {
    /// Largest encoded request.
    public static let byteCountMax = 64
    /// Most batches one request asks for.
    public static let countMax: UInt64 = 64

    public var id: UInt64
    public var fromHeight: UInt64
    public var count: UInt64

    /// - Precondition: `fromHeight ≥ 1` and `count` in `1…countMax`.
    public init(id: UInt64, fromHeight: UInt64, count: UInt64) {
        precondition(fromHeight >= 1 && (1...Self.countMax).contains(count), "a sync request asks for 1 to 64 batches from height 1 on")
        self.id = id
        self.fromHeight = fromHeight
        self.count = count
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(id, field: 1)
        writer.writeVarintIfNonZero(fromHeight, field: 2)
        writer.writeVarintIfNonZero(count, field: 3)
        return writer.bytes
    }

    /// A request from a peer; refuses non-canonical bytes and values out of range.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> SyncRequest {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("sync request bytes", limit: byteCountMax) }
        var reader = try ProtobufReader(bytes, limits: .standard, strictness: .canonical)
        var id: UInt64 = 0
        var fromHeight: UInt64 = 0
        var count: UInt64 = 0
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: id = try field.uint64()
            case 2: fromHeight = try field.uint64()
            case 3: count = try field.uint64()
            default: throw .unknownField(field.number)
            }
            if id == 0 && field.number == 1 { throw .nonCanonical("a zero id is left out") }
        }
        guard fromHeight >= 1, (1...countMax).contains(count) else {
            throw .valueOutOfRange("a sync request asks for 1 to \(countMax) batches from height 1 on")
        }
        return SyncRequest(id: id, fromHeight: fromHeight, count: count)
    }
}
