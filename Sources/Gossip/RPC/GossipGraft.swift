import Wire

/// A GRAFT entry (`ControlGraft`): the sender has added the receiver to its mesh for a topic.
///
/// ```
/// optional string topicID = 1;   // required here
/// ```
public struct GossipGraft: Hashable, Sendable {
    /// The topic of the mesh.
    public var topic: String

    static let topicField = 1

    /// A GRAFT for `topic`.
    public init(topic: String) {
        self.topic = topic
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        var topic: String?
        while let field = try reader.next() {
            guard field.number == Self.topicField else { continue }
            try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
        }
        self.topic = try reader.required(topic, field: Self.topicField)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        writer.writeString(topic, field: Self.topicField)
        return writer
    }
}
