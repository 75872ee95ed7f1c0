import Ledger
import Wire

/// What the leader of a slot signs when it proposes a batch in that slot's round
/// (Tendermint's ⟨PROPOSAL, h, r, v, validRound⟩): the height, the round, the batch's hash,
/// and the round in which the proposer saw more than 2/3 of the stake prevote that batch,
/// if it re-proposes one. Signed under the tag `oln/consensus-proposal/1`, so a relay can
/// change neither the batch nor the valid round.
///
///     message ConsensusProposal {
///       uint64 height = 1;
///       uint64 slot = 2;         // the round; its leader signs
///       bytes batch_hash = 3;    // 32 bytes
///       uint64 valid_slot = 4;   // left out for a new batch; a re-proposal names the
///                                // earlier slot whose prevotes carried the batch
///     }
///
/// Slot 0 is genesis and never holds a batch or a polka, so `valid_slot` is never 0 when
/// written.
public struct ConsensusProposal: CanonicalMessage, Hashable {
    public static let domainTag = "oln/consensus-proposal/1"
    public static let byteCountMax = 128

    public var height: UInt64
    public var slot: UInt64
    public var batchHash: [UInt8]
    /// For a re-proposal, the slot of the polka the batch had; nil for a new batch.
    public var validSlot: UInt64?

    /// - Precondition: `batchHash` has 32 bytes; `validSlot`, when given, is in `1..<slot`.
    public init(height: UInt64, slot: UInt64, batchHash: [UInt8], validSlot: UInt64?) {
        precondition(batchHash.count == LedgerEncoding.hashByteCount, "a batch hash has 32 bytes")
        precondition(validSlot.map { $0 > 0 && $0 < slot } ?? true, "a valid slot precedes the proposal's slot")
        self.height = height
        self.slot = slot
        self.batchHash = batchHash
        self.validSlot = validSlot
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(height, field: 1)
        writer.writeVarintIfNonZero(slot, field: 2)
        writer.writeBytes(batchHash, field: 3)
        writer.writeVarintIfNonZero(validSlot ?? 0, field: 4)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var height: UInt64 = 0
        var slot: UInt64 = 0
        var hash: [UInt8]?
        var validSlot: UInt64?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: height = try field.uint64()
            case 2: slot = try field.uint64()
            case 3: hash = try field.hash32()
            case 4: validSlot = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        if let validSlot, validSlot == 0 || validSlot >= slot {
            throw .valueOutOfRange("a proposal's valid slot \(validSlot) must lie in 1..<\(slot)")
        }
        self.init(height: height, slot: slot, batchHash: try hash.required(field: 3), validSlot: validSlot)
    }
}
