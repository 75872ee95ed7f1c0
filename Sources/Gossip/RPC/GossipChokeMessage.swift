import Wire

/// The choke extension's part of an RPC (field `GossipExtensions.chokeField` of `RPC`),
/// sent only to peers that announced the extension:
///
/// ```
/// message ChokeExtension {
///   repeated ControlChoke   choke   = 1;   // ControlChoke   { required string topicID = 1; }
///   repeated ControlUnchoke unchoke = 2;   // ControlUnchoke { required string topicID = 1; }
/// }
/// ```
///
/// CHOKE for a topic asks a mesh peer to announce new messages with IHAVE instead of
/// sending them (lazy push) until UNCHOKE, or until it leaves the sender's mesh; the
/// semantics are those of the choke draft for gossipsub (libp2p/specs pull request 681).
/// The entries of both kinds together are limited by ``GossipRPCLimits/controlEntryCountMax``.
public struct GossipChokeMessage: Hashable, Sendable {
    /// Topics whose mesh link the sender chokes.
    public var choke: [String]
    /// Topics whose mesh link the sender unchokes.
    public var unchoke: [String]

    static let chokeField = 1
    static let unchokeField = 2
    static let topicField = 1

    /// A message with the given entries.
    public init(choke: [String] = [], unchoke: [String] = []) {
        self.choke = choke
        self.unchoke = unchoke
    }

    /// Whether it has no entry.
    public var isEmpty: Bool { choke.isEmpty && unchoke.isEmpty }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        self.init()
        var entryCount = 0
        while let field = try reader.next() {
            guard field.number == Self.chokeField || field.number == Self.unchokeField else { continue }
            guard entryCount < reader.limits.controlEntryCountMax else {
                throw .tooManyControlEntries(limit: reader.limits.controlEntryCountMax)
            }
            entryCount += 1
            var nested = try reader.nested(field, message: field.number == Self.chokeField ? "ControlChoke" : "ControlUnchoke")
            let topic = try Self.readTopic(&nested)
            if field.number == Self.chokeField { choke.append(topic) } else { unchoke.append(topic) }
        }
    }

    private static func readTopic(_ reader: inout GossipFieldReader) throws(GossipRPCError) -> String {
        var topic: String?
        while let field = try reader.next() {
            guard field.number == topicField else { continue }
            try reader.setOnce(&topic, to: try reader.topic(of: field), field: field)
        }
        return try reader.required(topic, field: topicField)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        for (topics, field) in [(choke, Self.chokeField), (unchoke, Self.unchokeField)] {
            for topic in topics {
                var entry = ProtobufWriter()
                entry.writeString(topic, field: Self.topicField)
                writer.writeMessage(entry, field: field)
            }
        }
        return writer
    }
}
