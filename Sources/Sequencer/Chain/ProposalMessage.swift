import Ledger
import Wire

/// A proposal as the slot's leader gossips it: its signed ``ConsensusProposal``, the batch
/// it names, and, for a re-proposal, the prevotes that made the batch the proposer's valid
/// value, so that every receiver can check the polka itself.
///
///     message ProposalMessage {
///       bytes proposal = 1;              // SignedEnvelope of a ConsensusProposal
///       bytes batch = 2;                 // BatchMessage
///       repeated bytes polka_votes = 3;  // SignedEnvelopes of prevotes for
///                                        // (height, valid_slot, batch_hash); re-proposals only
///     }
///
/// The batch header is signed by the leader of the slot it was made in, which for a
/// re-proposal is an earlier slot's leader; the proposal is signed by this slot's leader.
/// Each polka vote is signed by its validator, so a relay can drop them but not forge them.
public struct ProposalMessage: Sendable {
    /// Largest proposal message: a batch plus room for the proposal and the polka votes.
    public static let byteCountMax = BatchMessage.byteCountMax + 256 * 1024
    /// Most polka votes: one per validator.
    public static let polkaVoteCountMax = ValidatorSet.memberCountMax

    public let proposal: SignedMessage<ConsensusProposal>
    public let batch: BatchMessage
    public let polkaVotes: [SignedMessage<ConsensusVote>]

    /// - Precondition: the batch is the one the proposal names, and the polka votes are
    ///   prevotes for it in the proposal's valid slot (none for a new batch).
    public init(proposal: SignedMessage<ConsensusProposal>, batch: BatchMessage, polkaVotes: [SignedMessage<ConsensusVote>] = []) {
        precondition(batch.hash == proposal.body.batchHash, "the proposal names another batch")
        precondition(Self.polkaFailure(polkaVotes.map(\.body), proposal: proposal.body) == nil, "the polka votes do not match")
        self.proposal = proposal
        self.batch = batch
        self.polkaVotes = polkaVotes
    }

    /// The proposal's identity (its signed envelope's id).
    public var id: [UInt8] { proposal.id }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(proposal.envelopeBytes, field: 1)
        writer.writeBytes(batch.encoded, field: 2)
        for vote in polkaVotes { writer.writeBytes(vote.envelopeBytes, field: 3) }
        return writer.bytes
    }

    /// Decodes a proposal message and verifies every signature in it for `chainID`: the
    /// proposal's, the batch's (header and transactions) and the polka votes'. Whether the
    /// signers are the right leaders and validators is for consensus to check.
    /// Transactions whose envelopes `knownValid` holds (verified from gossip) are decoded
    /// without checking their signatures again.
    public static func decode(_ bytes: [UInt8], chainID: UInt64,
                              knownValid: VerifiedEnvelopes? = nil) throws(ProposalMessageError) -> ProposalMessage {
        guard bytes.count <= byteCountMax else { throw .tooLarge(bytes.count) }
        let fields = try Self.fields(bytes)
        let proposal: SignedMessage<ConsensusProposal>
        do {
            proposal = try SignedMessage<ConsensusProposal>.verified(fields.proposal, chainID: chainID)
        } catch {
            throw .invalidProposal("\(error)")
        }
        let batch: BatchMessage
        do {
            batch = try BatchMessage.decode(fields.batch, chainID: chainID, knownValid: knownValid)
        } catch {
            throw .invalidBatch(error)
        }
        guard batch.hash == proposal.body.batchHash else { throw .mismatch("the batch is not the one the proposal names") }
        var votes: [SignedMessage<ConsensusVote>] = []
        for (index, envelope) in fields.polkaVotes.enumerated() {
            do {
                votes.append(try SignedMessage<ConsensusVote>.verified(envelope, chainID: chainID))
            } catch {
                throw .invalidPolkaVote(index: index, "\(error)")
            }
        }
        if let failure = polkaFailure(votes.map(\.body), proposal: proposal.body) { throw .mismatch(failure) }
        return ProposalMessage(proposal: proposal, batch: batch, polkaVotes: votes)
    }

    private static func fields(_ bytes: [UInt8]) throws(ProposalMessageError) -> (proposal: [UInt8], batch: [UInt8], polkaVotes: [[UInt8]]) {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        limits.fieldByteCountMax = BatchMessage.byteCountMax
        limits.fieldCountMax = polkaVoteCountMax + 2
        var proposal: [UInt8]?
        var batch: [UInt8]?
        var polkaVotes: [[UInt8]] = []
        do {
            var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
            var previous = 0
            while let field = try reader.nextField(after: &previous, repeatable: 3) {
                switch field.number {
                case 1: proposal = try field.envelope(byteCountMax: SignedMessage<ConsensusProposal>.envelopeByteCountMax, what: "proposal envelope")
                case 2: batch = try field.bytes()
                case 3:
                    guard polkaVotes.count < polkaVoteCountMax else {
                        throw WireError.limitExceeded("polka votes", limit: polkaVoteCountMax)
                    }
                    polkaVotes.append(try field.envelope(byteCountMax: SignedMessage<ConsensusVote>.envelopeByteCountMax, what: "vote envelope"))
                default: throw WireError.unknownField(field.number)
                }
            }
            return (try proposal.required(field: 1), try batch.required(field: 2), polkaVotes)
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// Why `votes` are not a polka for `proposal`'s batch in its valid slot, or nil.
    static func polkaFailure(_ votes: [ConsensusVote], proposal: ConsensusProposal) -> String? {
        guard let validSlot = proposal.validSlot else {
            return votes.isEmpty ? nil : "a new batch carries no polka votes"
        }
        let expected = ConsensusVote(step: .prevote, height: proposal.height, slot: validSlot, batchHash: proposal.batchHash)
        return votes.allSatisfy { $0 == expected } ? nil : "a polka vote is not a prevote for the batch in slot \(validSlot)"
    }
}
