import Ledger
import Wire

/// A validator's prevote or precommit in one round of consensus (Tendermint's
/// ⟨PREVOTE, h, r, id(v)⟩ and ⟨PRECOMMIT, h, r, id(v)⟩, a round being a slot). Signed with
/// the validator's account key under the tag `oln/consensus-vote/1` and carried as a
/// `SignedMessage<ConsensusVote>` envelope.
///
///     message ConsensusVote {
///       uint64 height = 1;
///       uint64 slot = 2;        // the round
///       bytes batch_hash = 3;   // 32 bytes; left out for a vote for nil
///       uint64 step = 4;        // 1 prevote, 2 precommit
///     }
///
/// A precommit for a batch is what the chain calls an attestation: more than 2/3 of the
/// stake of them for one (height, slot, batch) form a ``FinalityCertificate``.
public struct ConsensusVote: CanonicalMessage, Hashable {
    public static let domainTag = "oln/consensus-vote/1"
    public static let byteCountMax = 128

    /// The two voting steps of a round, in order.
    public enum Step: UInt64, Sendable, Hashable, Comparable, CustomStringConvertible {
        case prevote = 1
        case precommit = 2

        public static func < (left: Step, right: Step) -> Bool { left.rawValue < right.rawValue }

        public var description: String { self == .prevote ? "prevote" : "precommit" }
    }

    public var step: Step
    public var height: UInt64
    public var slot: UInt64
    /// The batch voted for (its ``BatchMessage/hash``); nil for a vote for nil.
    public var batchHash: [UInt8]?

    /// - Precondition: `batchHash` is nil or 32 bytes.
    public init(step: Step, height: UInt64, slot: UInt64, batchHash: [UInt8]?) {
        precondition(batchHash.map { $0.count == LedgerEncoding.hashByteCount } ?? true, "a batch hash has 32 bytes")
        self.step = step
        self.height = height
        self.slot = slot
        self.batchHash = batchHash
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(height, field: 1)
        writer.writeVarintIfNonZero(slot, field: 2)
        if let batchHash { writer.writeBytes(batchHash, field: 3) }
        writer.writeVarint(step.rawValue, field: 4)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var height: UInt64 = 0
        var slot: UInt64 = 0
        var hash: [UInt8]?
        var step: Step?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: height = try field.uint64()
            case 2: slot = try field.uint64()
            case 3: hash = try field.hash32()
            case 4:
                guard let value = Step(rawValue: try field.uint64()) else {
                    throw .valueOutOfRange("a vote's step is 1 (prevote) or 2 (precommit)")
                }
                step = value
            default: throw .unknownField(field.number)
            }
        }
        self.init(step: try step.required(field: 4), height: height, slot: slot, batchHash: hash)
    }
}
