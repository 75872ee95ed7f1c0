import Identity
import Wire

/// Two different batch headers for one slot, both signed by the same sequencer.
///
/// The decoder checks that both envelopes are present and no larger than a
/// `SignedMessage<BatchHeader>` envelope may be; their signatures, signer and slot are
/// checked by the state machine.
public struct EquivocationEvidence: LedgerMessageCoding {
    /// The first header's `SignedEnvelope` (field 1, required).
    public var first: [UInt8]
    /// The second header's `SignedEnvelope` (field 2, required).
    public var second: [UInt8]

    /// The message with the given fields.
    public init(first: [UInt8], second: [UInt8]) {
        self.first = first
        self.second = second
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(first, field: 1)
        writer.writeBytesIfNotEmpty(second, field: 2)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var first: [UInt8]?
        var second: [UInt8]?
        var previous = 0
        let byteCountMax = SignedMessage<BatchHeader>.envelopeByteCountMax
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: first = try field.envelope(byteCountMax: byteCountMax, what: "batch header envelope")
            case 2: second = try field.envelope(byteCountMax: byteCountMax, what: "batch header envelope")
            default: throw .unknownField(field.number)
            }
        }
        self.init(first: try first.required(field: 1), second: try second.required(field: 2))
    }
}
