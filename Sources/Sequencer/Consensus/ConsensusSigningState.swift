import Ledger
import Wire

/// What a validator must remember across restarts so that it never signs two different
/// messages for one position, and never forgets a lock (CometBFT's priv-validator state
/// plus the lock): the last vote it signed, the last slot it proposed in, and the batch it
/// is locked on.
///
///     message ConsensusSigningState {
///       uint64 vote_height = 1; uint64 vote_slot = 2; uint64 vote_step = 3;   // 0: none
///       uint64 proposal_slot = 4;                                            // 0: none
///       uint64 locked_height = 5; uint64 locked_slot = 6; bytes locked_hash = 7;
///     }
///
/// The machine emits it (``ConsensusAction/persist(_:)``) before every signature leaves.
public struct ConsensusSigningState: Sendable, Hashable, LedgerMessageCoding {
    public var voteHeight: UInt64 = 0
    public var voteSlot: UInt64 = 0
    /// The step of the last vote; nil before the first.
    public var voteStep: ConsensusVote.Step?
    /// The last slot this validator proposed (and signed a header) in; 0 for none.
    public var proposalSlot: UInt64 = 0
    public var lockedHeight: UInt64 = 0
    public var lockedSlot: UInt64 = 0
    /// The batch locked on at `lockedHeight` in `lockedSlot`; nil for none.
    public var lockedHash: [UInt8]?

    public init() {}

    /// Whether a vote at (height, slot, step) comes after every vote signed so far.
    public func allowsVote(height: UInt64, slot: UInt64, step: ConsensusVote.Step) -> Bool {
        guard let voteStep else { return true }
        return (height, slot, step.rawValue) > (voteHeight, voteSlot, voteStep.rawValue)
    }

    /// Whether a proposal in `slot` comes after every proposal signed so far.
    public func allowsProposal(slot: UInt64) -> Bool { slot > proposalSlot }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(voteHeight, field: 1)
        writer.writeVarintIfNonZero(voteSlot, field: 2)
        writer.writeVarintIfNonZero(voteStep?.rawValue ?? 0, field: 3)
        writer.writeVarintIfNonZero(proposalSlot, field: 4)
        writer.writeVarintIfNonZero(lockedHeight, field: 5)
        writer.writeVarintIfNonZero(lockedSlot, field: 6)
        if let lockedHash { writer.writeBytes(lockedHash, field: 7) }
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: voteHeight = try field.uint64()
            case 2: voteSlot = try field.uint64()
            case 3:
                guard let step = ConsensusVote.Step(rawValue: try field.uint64()) else {
                    throw .valueOutOfRange("a vote step is 1 (prevote) or 2 (precommit)")
                }
                voteStep = step
            case 4: proposalSlot = try field.uint64()
            case 5: lockedHeight = try field.uint64()
            case 6: lockedSlot = try field.uint64()
            case 7: lockedHash = try field.hash32()
            default: throw .unknownField(field.number)
            }
        }
    }

    /// The state's canonical bytes, for storage.
    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// A stored state; refuses anything but the canonical encoding.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> ConsensusSigningState {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = 256
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        let state = try ConsensusSigningState(from: &reader)
        guard state.encoded == bytes else { throw .nonCanonical("the signing state does not re-encode to the same bytes") }
        return state
    }
}
