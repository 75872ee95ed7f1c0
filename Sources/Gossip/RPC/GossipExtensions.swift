import Wire

/// The extensions control message of gossipsub v1.3 (`ControlExtensions`, field 6 of
/// `ControlMessage`): what the sender supports, sent once, in its first RPC on the stream.
///
/// ```
/// optional bool choke = 261793087;   // experimental: the choke extension (GossipChokeMessage)
/// ```
///
/// The choke extension follows the choke draft for gossipsub (libp2p/specs pull request
/// 681): that draft numbers CHOKE and UNCHOKE 6 and 7 inside `ControlMessage`, which the
/// extensions message (6) and py-libp2p's topic observation (7, 8) now use, so the flag
/// and the messages take one experimental field number (random, at least 4 bytes as a
/// varint, as gossipsub v1.3 asks of experimental extensions). Other fields (v1.3's
/// `partialMessages`, py-libp2p's `topicObservation` and `testExtension`) are skipped, and
/// so is a flag of the wrong wire type: peers must ignore extensions they do not know.
public struct GossipExtensions: Hashable, Sendable {
    /// Whether the sender understands CHOKE and UNCHOKE (`GossipChokeMessage`).
    public var choke: Bool

    /// The experimental field number of the choke extension, here and in `RPC`.
    public static let chokeField = 261_793_087

    /// Extensions with the given flags.
    public init(choke: Bool = false) {
        self.choke = choke
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        self.init()
        while let field = try reader.next() {
            guard field.number == Self.chokeField else { continue }
            choke = (try? reader.bool(of: field)) ?? false
        }
    }

    /// This message's flags together with `other`'s (a peer that repeats the message).
    func merged(with other: GossipExtensions) -> GossipExtensions {
        GossipExtensions(choke: choke || other.choke)
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        if choke { writer.writeBool(true, field: Self.chokeField) }
        return writer
    }
}
