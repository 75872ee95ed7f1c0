import Wire

/// The control part of an RPC (`ControlMessage`):
///
/// ```
/// repeated ControlIHave     ihave     = 1;
/// repeated ControlIWant     iwant     = 2;
/// repeated ControlGraft     graft     = 3;
/// repeated ControlPrune     prune     = 4;
/// repeated ControlIDontWant idontwant = 5;   // v1.2
/// optional ControlExtensions extensions = 6;  // v1.3 (GossipExtensions)
/// ```
///
/// Unknown fields (py-libp2p's topic observation, 7 and 8, say) are skipped. The entries
/// of the five repeated kinds together are limited by
/// ``GossipRPCLimits/controlEntryCountMax``; repeated extensions messages are merged, and
/// one announcing nothing this router knows reads as none.
public struct GossipControlMessage: Hashable, Sendable {
    /// IHAVE entries.
    public var ihave: [GossipIHave]
    /// IWANT entries.
    public var iwant: [GossipIWant]
    /// GRAFT entries.
    public var graft: [GossipGraft]
    /// PRUNE entries.
    public var prune: [GossipPrune]
    /// IDONTWANT entries (gossipsub v1.2 only).
    public var idontwant: [GossipIDontWant]
    /// The extensions the sender supports (gossipsub v1.3), in its first RPC only.
    public var extensions: GossipExtensions?

    static let ihaveField = 1
    static let iwantField = 2
    static let graftField = 3
    static let pruneField = 4
    static let idontwantField = 5
    static let extensionsField = 6

    /// A control message with the given entries.
    public init(
        ihave: [GossipIHave] = [],
        iwant: [GossipIWant] = [],
        graft: [GossipGraft] = [],
        prune: [GossipPrune] = [],
        idontwant: [GossipIDontWant] = [],
        extensions: GossipExtensions? = nil
    ) {
        self.ihave = ihave
        self.iwant = iwant
        self.graft = graft
        self.prune = prune
        self.idontwant = idontwant
        self.extensions = extensions
    }

    /// Whether the control message has no entry at all.
    public var isEmpty: Bool {
        ihave.isEmpty && iwant.isEmpty && graft.isEmpty && prune.isEmpty && idontwant.isEmpty && extensions == nil
    }

    init(reading reader: inout GossipFieldReader) throws(GossipRPCError) {
        self.init()
        var entryCount = 0
        while let field = try reader.next() {
            if field.number == Self.extensionsField {
                var nested = try reader.nested(field, message: "ControlExtensions")
                let read = try GossipExtensions(reading: &nested)
                // One that announces nothing known here reads as none (unknown ones are ignored).
                if read != GossipExtensions() {
                    extensions = extensions.map { $0.merged(with: read) } ?? read
                }
                continue
            }
            guard (Self.ihaveField...Self.idontwantField).contains(field.number) else { continue }
            guard entryCount < reader.limits.controlEntryCountMax else {
                throw .tooManyControlEntries(limit: reader.limits.controlEntryCountMax)
            }
            entryCount += 1
            try readEntry(field, from: reader)
        }
    }

    private mutating func readEntry(_ field: ProtobufField, from reader: GossipFieldReader) throws(GossipRPCError) {
        switch field.number {
        case Self.ihaveField:
            var nested = try reader.nested(field, message: "ControlIHave")
            ihave.append(try GossipIHave(reading: &nested))
        case Self.iwantField:
            var nested = try reader.nested(field, message: "ControlIWant")
            iwant.append(try GossipIWant(reading: &nested))
        case Self.graftField:
            var nested = try reader.nested(field, message: "ControlGraft")
            graft.append(try GossipGraft(reading: &nested))
        case Self.pruneField:
            var nested = try reader.nested(field, message: "ControlPrune")
            prune.append(try GossipPrune(reading: &nested))
        default:
            var nested = try reader.nested(field, message: "ControlIDontWant")
            idontwant.append(try GossipIDontWant(reading: &nested))
        }
    }

    var protobufWriter: ProtobufWriter {
        var writer = ProtobufWriter()
        for entry in ihave { writer.writeMessage(entry.protobufWriter, field: Self.ihaveField) }
        for entry in iwant { writer.writeMessage(entry.protobufWriter, field: Self.iwantField) }
        for entry in graft { writer.writeMessage(entry.protobufWriter, field: Self.graftField) }
        for entry in prune { writer.writeMessage(entry.protobufWriter, field: Self.pruneField) }
        for entry in idontwant { writer.writeMessage(entry.protobufWriter, field: Self.idontwantField) }
        if let extensions { writer.writeMessage(extensions.protobufWriter, field: Self.extensionsField) }
        return writer
    }
}
