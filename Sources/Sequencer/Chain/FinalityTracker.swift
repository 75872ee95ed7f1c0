import Ledger
import Sodium

/// Collects validators' precommits until one batch has more than 2/3 of the stake in one
/// round; for a peer that follows the chain from gossiped precommits without taking part
/// in consensus (``ConsensusMachine`` keeps its own tallies).
///
/// Precommits arrive verified (signature and chain). The tracker keeps, per height and
/// slot, each validator's first precommit for a batch; a second one for another batch in
/// the same slot is a double vote and is counted, never added. A validator may precommit
/// different batches in different slots of one height (it unlocked in between), so those
/// are tallied apart. Heights at or below the finalized height are forgotten. Bounded:
/// precommits more than `heightWindow` above the finalized height are refused, and so are
/// slots beyond `slotsPerHeightMax` distinct slots at one height.
public struct FinalityTracker: Sendable {
    /// How far above the finalized height precommits are kept.
    public static let heightWindow: UInt64 = 64
    /// Most distinct slots tallied for one height.
    public static let slotsPerHeightMax = 64

    public enum Outcome: Sendable, Equatable {
        /// Counted; the batch is not final yet.
        case counted
        /// This precommit made the batch final: here is its certificate.
        case finalized(FinalityCertificate)
        /// Already final, already counted, not a precommit for a batch, from a
        /// non-validator, or outside the window.
        case ignored(String)
        /// The validator already precommitted another batch in this slot.
        case conflicting
    }

    private struct Round: Hashable {
        let height: UInt64
        let slot: UInt64
    }

    private struct Tally {
        var signatures: [FinalityCertificate.Signature] = []
        var weight: Amount = 0
    }

    public let validators: ValidatorSet
    public private(set) var finalizedHeight: UInt64
    /// Per height and slot, which batch each validator precommitted.
    private var votes: [Round: [AccountAddress: [UInt8]]] = [:]
    private var tallies: [ConsensusVote: Tally] = [:]
    /// Double votes seen.
    public private(set) var conflictingCount = 0

    public init(validators: ValidatorSet, finalizedHeight: UInt64) {
        self.validators = validators
        self.finalizedHeight = finalizedHeight
    }

    /// Counts a verified precommit signed by `signer` with `signature`.
    public mutating func add(_ vote: ConsensusVote, signer: Ed25519PublicKey, signature: [UInt8]) -> Outcome {
        let height = vote.height
        guard vote.step == .precommit, let batchHash = vote.batchHash else { return .ignored("not a precommit for a batch") }
        guard height > finalizedHeight else { return .ignored("height \(height) is already final") }
        guard height - finalizedHeight <= Self.heightWindow else { return .ignored("height \(height) is too far ahead") }
        let validator = AccountAddress(publicKey: signer)
        let stake = validators.stake(of: validator)
        guard stake > 0 else { return .ignored("\(validator) is not a validator") }
        let round = Round(height: height, slot: vote.slot)
        if let earlier = votes[round]?[validator] {
            if earlier == batchHash { return .ignored("already counted") }
            conflictingCount += 1
            return .conflicting
        }
        if votes[round] == nil, votes.keys.count(where: { $0.height == height }) >= Self.slotsPerHeightMax {
            return .ignored("too many slots at height \(height)")
        }
        votes[round, default: [:]][validator] = batchHash
        var tally = tallies[vote] ?? Tally()
        tally.signatures.append(FinalityCertificate.Signature(signer: signer, signature: signature))
        tally.weight += stake
        tallies[vote] = tally
        guard validators.isSupermajority(tally.weight) else { return .counted }
        finalize(height)
        return .finalized(FinalityCertificate(vote: vote, signatures: tally.signatures))
    }

    /// Records that `height` is final (from a certificate seen elsewhere) and forgets it
    /// and everything below.
    public mutating func finalize(_ height: UInt64) {
        guard height > finalizedHeight else { return }
        finalizedHeight = height
        votes = votes.filter { $0.key.height > height }
        tallies = tallies.filter { $0.key.height > height }
    }

    /// The stake that precommitted `batchHash` at `height` so far, in its best slot.
    public func weight(height: UInt64, batchHash: [UInt8]) -> Amount {
        tallies.filter { $0.key.height == height && $0.key.batchHash == batchHash }.map(\.value.weight).max() ?? 0
    }
}
