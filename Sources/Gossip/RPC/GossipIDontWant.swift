import Wire

/// An IDONTWANT entry (`ControlIDontWant`, gossipsub v1.2): ids of large messages the
/// sender already has, so that mesh peers need not forward them.
///
/// ```
/// repeated bytes messageIDs = 1;
/// ```
public struct GossipIDontWant: Hashable, Sendable {
    /// The ids of the messages the sender does not want.
    public var messageIDs: [GossipMessageID]

    static let messageIDsField = 1

    /// An IDONTWANT for `messageIDs`.
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
