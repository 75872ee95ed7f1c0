import Wire

/// A message nested inside a ledger transaction (or inside another nested message), coded
/// with the rules of docs/canonical-encoding.md: the encoder writes non-default fields in
/// field-number order, and the decoder refuses unknown fields, repeated singular fields,
/// fields out of order and values of the wrong shape.
///
/// A nested message is written with `ProtobufWriter.writeMessage(_:field:)` and read with
/// `ProtobufReader.nestedMessage(_:in:)`, both in this folder.
public protocol LedgerMessageCoding: Hashable, Sendable {
    /// Writes the message's fields.
    func encode(to writer: inout ProtobufWriter)

    /// Reads the message's fields and checks their shape.
    init(from reader: inout ProtobufReader) throws(WireError)
}
