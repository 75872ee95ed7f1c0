import Wire
@testable import Identity

/// A small canonical message used to test the canonical encoding and signed envelopes:
/// `sequence = 1` (uint64), `text = 2` (string), `tags = 3` (repeated string), `payload = 4` (bytes).
struct TestNote: CanonicalMessage, Equatable {
    static let domainTag = "oln/test-note/1"
    static let byteCountMax = 4096

    var sequence: UInt64 = 0
    var text = ""
    var tags: [String] = []
    var payload: [UInt8] = []

    init(sequence: UInt64, text: String, tags: [String], payload: [UInt8]) {
        self.sequence = sequence
        self.text = text
        self.tags = tags
        self.payload = payload
    }

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
