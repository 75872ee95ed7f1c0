import Wire

/// An IWANT entry (`ControlIWant`): ids of messages, announced by IHAVE, that the sender
/// asks to receive in full.
///
/// ```
/// repeated bytes messageIDs = 1;
/// ```
public struct GossipIWant: Hashable, Sendable {
    /// The ids of the messages asked for.
    public var messageIDs: [GossipMessageID]

    static let messageIDsField = 1

    /// An IWANT for `messageIDs`.
    public init(messageIDs: [GossipMessageID]) {
        self.messageIDs = messageIDs
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        messageIDs = try reader.messageIDs(field: Self.messageIDsField)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        for id in messageIDs { writer.writeBytes(id.bytes, field: Self.messageIDsField) }
        return writer
    }
}
