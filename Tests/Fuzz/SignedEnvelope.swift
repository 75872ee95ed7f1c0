// fuzz-modules: Sodium Wire Identity
// Fuzzes signed-envelope verification and canonical body decoding: neither may trap, a
// canonical body re-encodes to its own bytes, and a verified envelope re-encodes to the
// input bytes (one valid encoding per message).
import Identity
import Wire

/// A message with each kind of field: varint, string, repeated string, bytes, nested.
struct FuzzNote: CanonicalMessage {
    static let domainTag = "oln/fuzz-note/1"
    static let byteCountMax = 1 << 16
    var sequence: UInt64 = 0
    var text = ""
    var tags: [String] = []
    var payload: [UInt8] = []

    func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(sequence, field: 1)
        writer.writeStringIfNotEmpty(text, field: 2)
        for tag in tags { writer.writeString(tag, field: 3) }
        writer.writeBytesIfNotEmpty(payload, field: 4)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: sequence = try field.uint64()
            case 2: text = try field.string()
            case 3: tags.append(try field.string())
            case 4: payload = try field.bytes()
            default: throw .unknownField(field.number)
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let note = try? FuzzNote.decodeCanonical(bytes), note.canonicalBytes != bytes {
        fatalError("a canonical body re-encodes to other bytes")
    }
    if let signed = try? SignedMessage<FuzzNote>.verified(bytes, chainID: 1), signed.envelopeBytes != bytes {
        fatalError("a verified envelope re-encodes to other bytes")
    }
    return 0
}
