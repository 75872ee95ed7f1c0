import Wire

/// A published pubsub message (`Message`):
///
/// ```
/// optional bytes  from      = 1;   // the author's peer id bytes
/// optional bytes  data      = 2;
/// optional bytes  seqno     = 3;   // 8 bytes, big-endian
/// required string topic     = 4;
/// optional bytes  signature = 5;
/// optional bytes  key       = 6;   // the author's libp2p PublicKey protobuf
/// ```
///
/// Optional fields keep proto2 presence: nil is absent, `[]` is present and empty, and
/// each is encoded exactly when present, so a decoded message re-encodes to the bytes
/// that were signed. Unknown fields are skipped. Each field may appear once: a second
/// `topic` (py-libp2p's legacy `repeated topicIDs`) is refused rather than guessed at.
public struct GossipMessage: Hashable, Sendable {
    /// The author's peer id bytes; absent under ``GossipSigningPolicy/strictNoSign``.
    public var from: [UInt8]?
    /// The payload.
    public var data: [UInt8]?
    /// The author's sequence number, 8 bytes big-endian; absent under strictNoSign.
    public var seqno: [UInt8]?
    /// The topic the message is published on.
    public var topic: String
    /// The author's Ed25519 signature (see ``signed(by:seqno:)``).
    public var signature: [UInt8]?
    /// The author's public key as a libp2p `PublicKey` protobuf, when it is not inlined in `from`.
    public var key: [UInt8]?

    static let fromField = 1
    static let dataField = 2
    static let seqnoField = 3
    static let topicField = 4
    static let signatureField = 5
    static let keyField = 6

    /// A message with the given fields.
    public init(
        from: [UInt8]? = nil,
        data: [UInt8]?,
        seqno: [UInt8]? = nil,
        topic: String,
        signature: [UInt8]? = nil,
        key: [UInt8]? = nil
    ) {
        self.from = from
        self.data = data
        self.seqno = seqno
        self.topic = topic
        self.signature = signature
        self.key = key
    }

    /// Decodes one `Message` protobuf on its own, under `limits` (its byte count is
    /// checked against `limits.rpcByteCountMax`).
    public init(protobufBytes: [UInt8], limits: GossipRPCLimits = .standard) throws(GossipRPCError) {
        var reader = try GossipFieldReader(bytes: protobufBytes, message: "Message", limits: limits)
        try self.init(reading: &reader)
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var fields: [Int: [UInt8]] = [:]
        var topic: String?
        while let field = try reader.next() {
            switch field.number {
            case Self.topicField:
                try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
            case Self.fromField, Self.dataField, Self.seqnoField, Self.signatureField, Self.keyField:
                try reader.setOnce(&fields[field.number], to: try reader.bytes(of: field), field: field)
            default:
                continue
            }
        }
        let data = fields[Self.dataField]
        if let data, data.count > reader.limits.messageDataByteCountMax {
            throw .messageDataTooLarge(byteCount: data.count, limit: reader.limits.messageDataByteCountMax)
        }
        self.init(
            from: fields[Self.fromField], data: data, seqno: fields[Self.seqnoField],
            topic: try reader.required(topic, field: Self.topicField),
            signature: fields[Self.signatureField], key: fields[Self.keyField]
        )
    }

    /// The `Message` protobuf, fields in number order.
    public var protobufBytes: [UInt8] { protobufWriter.bytes }

    var protobufWriter: ProtobufWriter {
        var writer = unsignedProtobufWriter
        if let signature { writer.writeBytes(signature, field: Self.signatureField) }
        if let key { writer.writeBytes(key, field: Self.keyField) }
        return writer
    }

    /// The fields a signature covers: from, data, seqno and topic.
    var unsignedProtobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        if let from { writer.writeBytes(from, field: Self.fromField) }
        if let data { writer.writeBytes(data, field: Self.dataField) }
        if let seqno { writer.writeBytes(seqno, field: Self.seqnoField) }
        writer.writeString(topic, field: Self.topicField)
        return writer
    }
}
