/// Bounds that decoding a ``GossipRPC`` enforces on what a peer sends.
///
/// Every count that can grow with the input has a limit here; a decoder that meets a
/// larger value stops and throws the matching ``GossipRPCError``. The message data limit
/// is the decoder's; a router may apply a smaller one per topic after decoding.
public struct GossipRPCLimits: Sendable, Equatable {
    /// The largest encoded RPC, in bytes (the frame, without its length prefix).
    public var rpcByteCountMax: Int
    /// The largest `data` field of one published message, in bytes.
    public var messageDataByteCountMax: Int
    /// The most subscription changes in one RPC.
    public var subscriptionCountMax: Int
    /// The most published messages in one RPC.
    public var messageCountMax: Int
    /// The most control entries (IHAVE, IWANT, GRAFT, PRUNE and IDONTWANT together) in one RPC.
    public var controlEntryCountMax: Int
    /// The most message ids in one IHAVE, IWANT or IDONTWANT entry.
    public var messageIDCountMax: Int
    /// The longest message id, in bytes.
    public var messageIDByteCountMax: Int
    /// The longest topic id, in UTF-8 bytes.
    public var topicByteCountMax: Int
    /// The most peers offered for exchange in one PRUNE.
    public var prunePeerCountMax: Int

    /// The default message data limit: 1 MiB, as go-libp2p-pubsub.
    public static let defaultMessageDataByteCountMax = 1 << 20
    /// Room for the protobuf framing around a message of the largest size: 64 KiB.
    public static let rpcOverheadByteCount = 64 << 10

    /// Defaults: a 1 MiB message plus 64 KiB of framing, 1024 subscriptions, 4096 messages,
    /// 4096 control entries, 5000 ids an entry (go's `MaxIHaveLength`), 256-byte ids,
    /// 512-byte topics and 64 exchanged peers a PRUNE.
    public static let standard = GossipRPCLimits(
        rpcByteCountMax: defaultMessageDataByteCountMax + rpcOverheadByteCount,
        messageDataByteCountMax: defaultMessageDataByteCountMax,
        subscriptionCountMax: 1024,
        messageCountMax: 4096,
        controlEntryCountMax: 4096,
        messageIDCountMax: 5000,
        messageIDByteCountMax: 256,
        topicByteCountMax: 512,
        prunePeerCountMax: 64
    )

    /// Limits with the given bounds; each must be at least zero.
    public init(
        rpcByteCountMax: Int,
        messageDataByteCountMax: Int,
        subscriptionCountMax: Int,
        messageCountMax: Int,
        controlEntryCountMax: Int,
        messageIDCountMax: Int,
        messageIDByteCountMax: Int,
        topicByteCountMax: Int,
        prunePeerCountMax: Int
    ) {
        precondition(
            [rpcByteCountMax, messageDataByteCountMax, subscriptionCountMax, messageCountMax, controlEntryCountMax,
             messageIDCountMax, messageIDByteCountMax, topicByteCountMax, prunePeerCountMax].allSatisfy { $0 >= 0 },
            "gossip RPC limits cannot be negative"
        )
        self.rpcByteCountMax = rpcByteCountMax
        self.messageDataByteCountMax = messageDataByteCountMax
        self.subscriptionCountMax = subscriptionCountMax
        self.messageCountMax = messageCountMax
        self.controlEntryCountMax = controlEntryCountMax
        self.messageIDCountMax = messageIDCountMax
        self.messageIDByteCountMax = messageIDByteCountMax
        self.topicByteCountMax = topicByteCountMax
        self.prunePeerCountMax = prunePeerCountMax
    }
}
