/// What every peer on one topic must agree on: authorship, message ids and size.
public struct GossipTopicOptions: Sendable, Equatable {
    /// Which authorship fields messages carry, and whether they are signed.
    public var signingPolicy: GossipSigningPolicy
    /// How message ids are derived.
    public var messageIDFunction: GossipMessageIDFunction
    /// The largest `data` field accepted or published, in bytes.
    public var dataByteCountMax: Int

    /// - Precondition: `dataByteCountMax >= 0`.
    public init(
        signingPolicy: GossipSigningPolicy = .strictSign,
        messageIDFunction: GossipMessageIDFunction = .authorAndSequence,
        dataByteCountMax: Int = GossipRPCLimits.defaultMessageDataByteCountMax
    ) {
        precondition(dataByteCountMax >= 0, "a message size limit cannot be negative")
        self.signingPolicy = signingPolicy
        self.messageIDFunction = messageIDFunction
        self.dataByteCountMax = dataByteCountMax
    }

    /// StrictSign, `from ‖ seqno` ids, 1 MiB of data: the go-libp2p-pubsub defaults.
    public static let standard = GossipTopicOptions()
}
