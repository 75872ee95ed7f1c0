import Ledger
import Sodium
@testable import Sequencer

/// What all simulated nodes of one run share outside the protocol: a decoding cache (every
/// node would decode and verify the same bytes; doing it once per distinct message keeps
/// hundreds of seeded runs fast without changing what any node sees; entries are keyed by
/// the bytes' BLAKE2b-256, which is cheaper to look up than the bytes) and the record of
/// honest signatures, to catch a validator that signs twice.
final class ConsensusSimulationRecord {
    struct Position: Hashable {
        let signer: AccountAddress
        let height: UInt64
        let slot: UInt64
        let step: ConsensusVote.Step
    }

    let chainID: UInt64
    private var proposals: [[UInt8]: ProposalMessage?] = [:]
    private var votes: [[UInt8]: SignedMessage<ConsensusVote>?] = [:]
    private var batches: [[UInt8]: BatchMessage?] = [:]
    private var honestVotes: [Position: ConsensusVote] = [:]
    private var honestProposals: [AccountAddress: Set<UInt64>] = [:]
    /// Descriptions of every honest double signature seen.
    private(set) var doubleSignatures: [String] = []

    init(chainID: UInt64) {
        self.chainID = chainID
    }

    /// The key of `bytes` in the caches and in the nodes' seen caches.
    static func digest(_ bytes: [UInt8]) -> [UInt8] { BLAKE2b256.hash(bytes) }

    func proposal(_ bytes: [UInt8]) -> ProposalMessage? {
        let key = Self.digest(bytes)
        if let cached = proposals[key] { return cached }
        let decoded = try? ProposalMessage.decode(bytes, chainID: chainID)
        proposals[key] = decoded
        return decoded
    }

    func vote(_ bytes: [UInt8]) -> SignedMessage<ConsensusVote>? {
        let key = Self.digest(bytes)
        if let cached = votes[key] { return cached }
        let decoded = try? SignedMessage<ConsensusVote>.verified(bytes, chainID: chainID)
        votes[key] = decoded
        return decoded
    }

    func batch(_ bytes: [UInt8]) -> BatchMessage? {
        let key = Self.digest(bytes)
        if let cached = batches[key] { return cached }
        let decoded = try? BatchMessage.decode(bytes, chainID: chainID)
        batches[key] = decoded
        return decoded
    }

    /// Notes a vote an honest validator signed; a different one for the same position is
    /// a double signature.
    func noteHonestVote(_ vote: SignedMessage<ConsensusVote>) {
        let body = vote.body
        let position = Position(signer: vote.signerAddress, height: body.height, slot: body.slot, step: body.step)
        if let earlier = honestVotes[position], earlier != body {
            doubleSignatures.append("\(vote.signerAddress) signed \(earlier) and \(body)")
        }
        honestVotes[position] = body
    }

    /// Notes a proposal an honest validator signed; a second one in a slot is a double signature.
    func noteHonestProposal(_ message: ProposalMessage) {
        let slot = message.proposal.body.slot
        if !honestProposals[message.proposal.signerAddress, default: []].insert(slot).inserted {
            doubleSignatures.append("\(message.proposal.signerAddress) proposed twice in slot \(slot)")
        }
    }
}
