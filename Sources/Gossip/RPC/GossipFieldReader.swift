import Wire

/// Reads the fields of one message of the pubsub schema: a lenient ``ProtobufReader``
/// (fields in any order, unknown fields returned for the caller to skip) whose wire
/// errors become ``GossipRPCError/malformed(_:)``, with the checks every message shares.
struct GossipFieldReader {
    /// The schema name of the message being read, for errors ("RPC", "Message", …).
    let message: String
    /// The limits of the RPC being decoded.
    let limits: GossipRPCLimits
    private var reader: ProtobufReader

    /// How deep pubsub messages nest: RPC, ControlMessage, ControlPrune, PeerInfo.
    static let nestingDepthMax = 3

    /// A reader over a top-level `message` (an RPC, or a Message on its own), refused if
    /// it is longer than `limits.rpcByteCountMax`.
    init(bytes: [UInt8], message: String, limits: GossipRPCLimits) throws(GossipRPCError) {
        guard bytes.count <= limits.rpcByteCountMax else { throw .rpcTooLarge(limit: limits.rpcByteCountMax) }
        let protobufLimits = ProtobufLimits(
            messageByteCountMax: limits.rpcByteCountMax,
            fieldByteCountMax: limits.rpcByteCountMax,
            nestingDepthMax: Self.nestingDepthMax,
            fieldCountMax: limits.rpcByteCountMax
        )
        let reader = try Self.wire { () throws(WireError) in
            try ProtobufReader(bytes, limits: protobufLimits, strictness: .lenient)
        }
        self.init(reader: reader, message: message, limits: limits)
    }

    private init(reader: ProtobufReader, message: String, limits: GossipRPCLimits) {
        self.reader = reader
        self.message = message
        self.limits = limits
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(GossipRPCError) -> ProtobufField? {
        try Self.wire { () throws(WireError) in try reader.next() }
    }

    /// A reader over the nested message `message` held in `field`.
    func nested(_ field: ProtobufField, message: String) throws(GossipRPCError) -> GossipFieldReader {
        let nested = try Self.wire { () throws(WireError) in try reader.nestedReader(for: field) }
        return GossipFieldReader(reader: nested, message: message, limits: limits)
    }

    /// The value of a `bytes` field.
    func bytes(of field: ProtobufField) throws(GossipRPCError) -> [UInt8] {
        try Self.wire { () throws(WireError) in try field.bytes() }
    }

    /// The value of a `bool` field.
    func bool(of field: ProtobufField) throws(GossipRPCError) -> Bool {
        try Self.wire { () throws(WireError) in try field.bool() }
    }

    /// The value of a `uint64` field.
    func uint64(of field: ProtobufField) throws(GossipRPCError) -> UInt64 {
        try Self.wire { () throws(WireError) in try field.uint64() }
    }

    /// A topic id: UTF-8 text no longer than `limits.topicByteCountMax` bytes.
    func topic(of field: ProtobufField) throws(GossipRPCError) -> String {
        let raw = try bytes(of: field)
        guard raw.count <= limits.topicByteCountMax else {
            throw .topicTooLong(byteCount: raw.count, limit: limits.topicByteCountMax)
        }
        return try Self.wire { () throws(WireError) in try field.string() }
    }

    /// A message id no longer than `limits.messageIDByteCountMax` bytes.
    func messageID(of field: ProtobufField) throws(GossipRPCError) -> GossipMessageID {
        let raw = try bytes(of: field)
        guard raw.count <= limits.messageIDByteCountMax else {
            throw .messageIDTooLong(byteCount: raw.count, limit: limits.messageIDByteCountMax)
        }
        return GossipMessageID(bytes: raw)
    }

    /// Stores `value` in `slot`, refusing a second value for a field that may appear once.
    func setOnce<Value>(_ slot: inout Value?, to value: Value, field: ProtobufField) throws(GossipRPCError) {
        guard slot == nil else { throw .duplicateField(message: message, field: field.number) }
        slot = value
    }

    /// `value`, or ``GossipRPCError/missingField(message:field:)`` when it is nil.
    func required<Value>(_ value: Value?, field: Int) throws(GossipRPCError) -> Value {
        guard let value else { throw .missingField(message: message, field: field) }
        return value
    }

    /// Runs `body`, turning a ``WireError`` into ``GossipRPCError/malformed(_:)``.
    static func wire<Value>(_ body: () throws(WireError) -> Value) throws(GossipRPCError) -> Value {
        do {
            return try body()
        } catch {
            throw .malformed(error)
        }
    }
}

extension GossipFieldReader {
    /// Appends a message id to an entry's list, refusing more than `limits.messageIDCountMax`.
    func append(_ id: GossipMessageID, to messageIDs: inout [GossipMessageID]) throws(GossipRPCError) {
        guard messageIDs.count < limits.messageIDCountMax else {
            throw .tooManyMessageIDs(limit: limits.messageIDCountMax)
        }
        messageIDs.append(id)
    }

    /// Reads a message whose only known field is a list of message ids (IWANT, IDONTWANT).
    mutating func messageIDs(field number: Int) throws(GossipRPCError) -> [GossipMessageID] {
        var messageIDs: [GossipMessageID] = []
        while let field = try next() {
            guard field.number == number else { continue }
            try append(try messageID(of: field), to: &messageIDs)
        }
        return messageIDs
    }
}
