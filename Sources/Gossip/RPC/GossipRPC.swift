import Wire

/// One pubsub RPC, the unit framed on a pubsub stream (`RPC`):
///
/// ```
/// repeated SubOpts        subscriptions = 1;
/// repeated Message        publish       = 2;
/// optional ControlMessage control       = 3;
/// optional ChokeExtension choke         = 261793087;   // experimental (GossipChokeMessage)
/// ```
///
/// Decoding is lenient about field order and skips unknown fields (py-libp2p's field 4,
/// go's extensions) but enforces ``GossipRPCLimits`` and refuses a second `control`.
public struct GossipRPC: Hashable, Sendable {
    /// Subscription changes.
    public var subscriptions: [GossipSubscription]
    /// Published messages (the `publish` field).
    public var messages: [GossipMessage]
    /// The control message, if any.
    public var control: GossipControlMessage?
    /// CHOKE and UNCHOKE (the choke extension), if any.
    public var choke: GossipChokeMessage?

    static let subscriptionsField = 1
    static let publishField = 2
    static let controlField = 3

    /// An RPC with the given parts.
    public init(
        subscriptions: [GossipSubscription] = [],
        messages: [GossipMessage] = [],
        control: GossipControlMessage? = nil,
        choke: GossipChokeMessage? = nil
    ) {
        self.subscriptions = subscriptions
        self.messages = messages
        self.control = control
        self.choke = choke
    }

    /// Decodes one RPC (a frame without its length prefix) under `limits`.
    public init(protobufBytes: [UInt8], limits: GossipRPCLimits = .standard) throws(GossipRPCError) {
        var reader = try GossipFieldReader(bytes: protobufBytes, message: "RPC", limits: limits)
        self.init()
        while let field = try reader.next() {
            switch field.number {
            case Self.subscriptionsField: try readSubscription(field, from: reader)
            case Self.publishField: try readMessage(field, from: reader)
            case Self.controlField:
                var nested = try reader.nested(field, message: "ControlMessage")
                try reader.setOnce(&control, to: try GossipControlMessage(reading: &nested), field: field)
            case GossipExtensions.chokeField:
                var nested = try reader.nested(field, message: "ChokeExtension")
                try reader.setOnce(&choke, to: try GossipChokeMessage(reading: &nested), field: field)
            default: continue
            }
        }
    }

    private mutating func readSubscription(_ field: ProtobufField, from reader: GossipFieldReader) throws(GossipRPCError) {
        guard subscriptions.count < reader.limits.subscriptionCountMax else {
            throw .tooManySubscriptions(limit: reader.limits.subscriptionCountMax)
        }
        var nested = try reader.nested(field, message: "SubOpts")
        subscriptions.append(try GossipSubscription(reading: &nested))
    }

    private mutating func readMessage(_ field: ProtobufField, from reader: GossipFieldReader) throws(GossipRPCError) {
        guard messages.count < reader.limits.messageCountMax else {
            throw .tooManyMessages(limit: reader.limits.messageCountMax)
        }
        var nested = try reader.nested(field, message: "Message")
        messages.append(try GossipMessage(reading: &nested))
    }

    /// The `RPC` protobuf, fields in number order.
    public var protobufBytes: [UInt8] {
        var writer = ProtobufWriter()
        for subscription in subscriptions { writer.writeMessage(subscription.protobufWriter, field: Self.subscriptionsField) }
        for message in messages { writer.writeMessage(message.protobufWriter, field: Self.publishField) }
        if let control { writer.writeMessage(control.protobufWriter, field: Self.controlField) }
        if let choke { writer.writeMessage(choke.protobufWriter, field: GossipExtensions.chokeField) }
        return writer.bytes
    }

    /// The RPC as one stream frame: `uvarint(length) ‖` ``protobufBytes``.
    public var framedBytes: [UInt8] {
        VarintFrameDecoder.frame(protobufBytes)
    }
}
