import Ledger
import Wire

/// A validator's lock with what it needs to act on it after a restart: the locked batch
/// and the prevotes of the polka that locked it. The machine emits it
/// (``ConsensusAction/persistLock(_:)``) when it locks, before its precommit leaves; a
/// restarted validator that gets it back keeps its lock and can re-propose the batch with
/// its polka, so a cluster that restarts as a whole does not stall on a lock no one can
/// justify.
///
///     message ConsensusLock {
///       uint64 slot = 1;                 // the round of the polka
///       bytes batch = 2;                 // BatchMessage
///       repeated bytes polka_votes = 3;  // SignedEnvelopes of prevotes for (height, slot, batch)
///     }
public struct ConsensusLock: Sendable {
    public let slot: UInt64
    public let batch: BatchMessage
    public let polkaVotes: [SignedMessage<ConsensusVote>]

    /// - Precondition: every polka vote is a prevote for `batch` in `slot`.
    public init(slot: UInt64, batch: BatchMessage, polkaVotes: [SignedMessage<ConsensusVote>]) {
        precondition(Self.polkaFailure(polkaVotes, slot: slot, batch: batch) == nil, "the polka votes do not match")
        self.slot = slot
        self.batch = batch
        self.polkaVotes = polkaVotes
    }

    /// The height locked at: the batch's.
    public var height: UInt64 { batch.header.body.height }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(slot, field: 1)
        writer.writeBytes(batch.encoded, field: 2)
        for vote in polkaVotes { writer.writeBytes(vote.envelopeBytes, field: 3) }
        return writer.bytes
    }

    /// A stored lock, with every signature verified for `chainID`; it fails as a
    /// proposal message would.
    public static func decode(_ bytes: [UInt8], chainID: UInt64) throws(ProposalMessageError) -> ConsensusLock {
        guard bytes.count <= ProposalMessage.byteCountMax else { throw .tooLarge(bytes.count) }
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = ProposalMessage.byteCountMax
        limits.fieldByteCountMax = BatchMessage.byteCountMax
        limits.fieldCountMax = ProposalMessage.polkaVoteCountMax + 2
        var slot: UInt64 = 0
        var batchBytes: [UInt8]?
        var envelopes: [[UInt8]] = []
        do {
            var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
            var previous = 0
            while let field = try reader.nextField(after: &previous, repeatable: 3) {
                switch field.number {
                case 1: slot = try field.uint64()
                case 2: batchBytes = try field.bytes()
                case 3: envelopes.append(try field.envelope(byteCountMax: SignedMessage<ConsensusVote>.envelopeByteCountMax, what: "vote envelope"))
                default: throw WireError.unknownField(field.number)
                }
            }
            batchBytes = try batchBytes.required(field: 2)
        } catch {
            throw .malformed("\(error)")
        }
        let batch: BatchMessage
        do {
            batch = try BatchMessage.decode(batchBytes ?? [], chainID: chainID)
        } catch {
            throw .invalidBatch(error)
        }
        var votes: [SignedMessage<ConsensusVote>] = []
        for (index, envelope) in envelopes.enumerated() {
            do {
                votes.append(try SignedMessage<ConsensusVote>.verified(envelope, chainID: chainID))
            } catch {
                throw .invalidPolkaVote(index: index, "\(error)")
            }
        }
        if let failure = polkaFailure(votes, slot: slot, batch: batch) { throw .mismatch(failure) }
        return ConsensusLock(slot: slot, batch: batch, polkaVotes: votes)
    }

    private static func polkaFailure(_ votes: [SignedMessage<ConsensusVote>], slot: UInt64, batch: BatchMessage) -> String? {
        guard slot > 0 else { return "a lock is never in slot 0" }
        let expected = ConsensusVote(step: .prevote, height: batch.header.body.height, slot: slot, batchHash: batch.hash)
        return votes.allSatisfy { $0.body == expected } ? nil : "a polka vote is not a prevote for the batch in slot \(slot)"
    }
}
