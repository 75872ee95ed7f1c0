import Ledger
import Sequencer
import Wire

/// The answer to a ``SyncRequest``: consecutive finalized batches from the requested
/// height, as many as asked for or fewer (the responder's chain ends, or the response
/// reached ``byteCountTarget``), and the responder's head height.
///
///     message SyncResponse {
///       uint64 id = 1;                 // the request's
///       uint64 head_height = 2;        // the responder's last finalized height
///       repeated SyncEntry entries = 3;
///     }
public struct SyncResponse: Sendable, Equatable {
    /// Largest response accepted: one batch of the largest size with its certificate.
    public static let byteCountMax = BatchMessage.byteCountMax + (1 << 20)
    /// A responder stops adding entries once a response is this large (the first entry
    /// always goes in).
    public static let byteCountTarget = 4 << 20

    public var id: UInt64
    public var headHeight: UInt64
    public var entries: [SyncEntry]

    public init(id: UInt64, headHeight: UInt64, entries: [SyncEntry]) {
        self.id = id
        self.headHeight = headHeight
        self.entries = entries
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(id, field: 1)
        writer.writeVarintIfNonZero(headHeight, field: 2)
        for entry in entries { writer.writeBytes(entry.encoded, field: 3) }
        return writer.bytes
    }

    /// A response from a peer; refuses non-canonical bytes and more than
    /// ``SyncRequest/countMax`` entries.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> SyncResponse {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("sync response bytes", limit: byteCountMax) }
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        limits.fieldByteCountMax = byteCountMax
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        var response = SyncResponse(id: 0, headHeight: 0, entries: [])
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 3) {
            switch field.number {
            case 1:
                response.id = try field.uint64()
                guard response.id != 0 else { throw .nonCanonical("a zero id is left out") }
            case 2:
                response.headHeight = try field.uint64()
                guard response.headHeight != 0 else { throw .nonCanonical("a zero head height is left out") }
            case 3:
                guard response.entries.count < Int(SyncRequest.countMax) else {
                    throw .limitExceeded("sync response entries", limit: Int(SyncRequest.countMax))
                }
                var nested = try reader.nestedReader(for: field)
                response.entries.append(try SyncEntry.decode(from: &nested))
            default: throw .unknownField(field.number)
            }
        }
        return response
    }
}
