import Foundation
import Ledger
import Wire

/// The finalized chain as one append-only, self-verifying file: `oln chain export` writes
/// it from a ledger's archive and `oln chain import` replays it into a ledger, checking
/// every link, certificate and state root on the way.
///
///     file   = "OLNCHAIN" ‖ version (u32 BE) ‖ chain id (u64 BE) ‖ genesis hash (32)
///              ‖ record*
///     record = uvarint(length) ‖ Record
///     message Record { uint64 height = 1; bytes batch = 2;  // BatchMessage
///                      bytes certificate = 3; }             // FinalityCertificate
///
/// Each batch names its parent's hash, so records can only be replayed in order from the
/// genesis named in the header; each certificate must carry more than 2/3 of the
/// validator stake of the state before its batch, and each batch must give the state root
/// its header promises. A file may be cut at any record boundary and still be valid.
public enum ChainHistoryFile {
    public static let magic = Array("OLNCHAIN".utf8)
    public static let version: UInt32 = 1
    public static let headerByteCount = 8 + 4 + 8 + 32
    /// Largest record accepted: a batch at the largest governed size plus its certificate.
    public static let recordByteCountMax = BatchMessage.byteCountMax + (1 << 20)

    /// The file header for a chain.
    public static func header(chainID: UInt64, genesisHash: [UInt8]) -> [UInt8] {
        precondition(genesisHash.count == 32, "a genesis hash has 32 bytes")
        var bytes = magic
        bytes.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: version >> (24 - 8 * UInt32($0))) })
        bytes.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: chainID >> (56 - 8 * UInt64($0))) })
        return bytes + genesisHash
    }

    /// One archived batch as a framed record.
    public static func record(_ archived: ArchivedBatch) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(archived.height, field: 1)
        writer.writeBytes(archived.message, field: 2)
        writer.writeBytes(archived.certificate, field: 3)
        let body = writer.bytes
        var framed: [UInt8] = []
        Varint.append(UInt64(body.count), to: &framed)
        return framed + body
    }

    /// Reads the header: the chain id and genesis hash, or why the bytes are not a history file.
    public static func readHeader(_ bytes: [UInt8]) throws(ChainHistoryError) -> (chainID: UInt64, genesisHash: [UInt8]) {
        guard bytes.count >= headerByteCount, Array(bytes[0..<8]) == magic else {
            throw .malformed("not an oln chain history file (no OLNCHAIN header)")
        }
        let fileVersion = bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard fileVersion == version else { throw .malformed("history file version \(fileVersion) is not supported") }
        let chainID = bytes[12..<20].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (chainID, Array(bytes[20..<52]))
    }

    /// Splits the records after the header; a truncated last record is an error.
    public static func records(_ bytes: [UInt8]) throws(ChainHistoryError) -> [(height: UInt64, batch: [UInt8], certificate: [UInt8])] {
        var records: [(height: UInt64, batch: [UInt8], certificate: [UInt8])] = []
        var offset = headerByteCount
        while offset < bytes.count {
            let length: UInt64
            let consumed: Int
            do {
                (length, consumed) = try Varint.decode(bytes[offset...])
            } catch {
                throw .malformed("record length at byte \(offset): \(error)")
            }
            guard length <= UInt64(recordByteCountMax), UInt64(bytes.count - offset - consumed) >= length else {
                throw .malformed("record at byte \(offset) is longer than the file or the limit")
            }
            let start = offset + consumed
            records.append(try record(Array(bytes[start..<(start + Int(length))]), at: offset))
            offset = start + Int(length)
        }
        return records
    }

    private static func record(_ body: [UInt8], at offset: Int) throws(ChainHistoryError) -> (height: UInt64, batch: [UInt8], certificate: [UInt8]) {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = recordByteCountMax
        limits.fieldByteCountMax = recordByteCountMax
        do {
            var reader = try ProtobufReader(body, limits: limits, strictness: .canonical)
            var (height, batch, certificate) = (UInt64(0), [UInt8](), [UInt8]())
            var previous = 0
            while let field = try reader.nextField(after: &previous) {
                switch field.number {
                case 1: height = try field.uint64()
                case 2: batch = try field.bytes()
                case 3: certificate = try field.bytes()
                default: throw WireError.unknownField(field.number)
                }
            }
            return (height, batch, certificate)
        } catch {
            throw .malformed("record at byte \(offset): \(error)")
        }
    }
}
