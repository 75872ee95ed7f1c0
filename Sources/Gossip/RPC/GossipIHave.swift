import Wire

/// An IHAVE entry (`ControlIHave`): ids of messages recently seen on a topic, gossiped to
/// peers outside the mesh.
///
/// ```
/// optional string topicID    = 1;   // required here
/// repeated bytes  messageIDs = 2;
/// ```
public struct GossipIHave: Hashable, Sendable {
    /// The topic the messages were published on.
    public var topic: String
    /// The ids of the messages.
    public var messageIDs: [GossipMessageID]

    static let topicField = 1
    static let messageIDsField = 2

    /// An IHAVE for `messageIDs` on `topic`.
    public init(topic: String, messageIDs: [GossipMessageID]) {
        self.topic = topic
        self.messageIDs = messageIDs
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var topic: String?
        var messageIDs: [GossipMessageID] = []
        while let field = try reader.next() {
            switch field.number {
            case Self.topicField:
                try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
            case Self.messageIDsField:
                try reader.append(try reader.messageID(of: field), to: &messageIDs)
            default:
                continue
            }
        }
        self.topic = try reader.required(topic, field: Self.topicField)
        self.messageIDs = messageIDs
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        writer.writeString(topic, field: Self.topicField)
        for id in messageIDs { writer.writeBytes(id.bytes, field: Self.messageIDsField) }
        return writer
    }
}
