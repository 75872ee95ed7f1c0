/// The last decided batch, as the executor holds it: what the next batch builds on.
public struct ChainHead: Sendable, Equatable {
    /// The head batch's height; 0 for genesis.
    public var height: UInt64
    /// The head batch's hash (``BatchMessage/hash``), or the genesis hash.
    public var batchHash: [UInt8]
    /// The slot the head batch was made in (its header's slot); 0 for genesis.
    public var slot: UInt64
    /// The certificate that decided the head batch; nil for genesis.
    public var certificate: FinalityCertificate?

    public init(height: UInt64, batchHash: [UInt8], slot: UInt64, certificate: FinalityCertificate?) {
        self.height = height
        self.batchHash = batchHash
        self.slot = slot
        self.certificate = certificate
    }

    /// The head of a chain that holds only its genesis: height 0, slot 0.
    public static func genesis(hash: [UInt8]) -> ChainHead {
        ChainHead(height: 0, batchHash: hash, slot: 0, certificate: nil)
    }

    /// The slot (round) in which this node learnt the head's decision: the next height's
    /// first round is the slot after it.
    public var decisionSlot: UInt64 { certificate?.slot ?? slot }
}
