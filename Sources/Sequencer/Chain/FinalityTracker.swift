import Ledger
import Sodium

/// Collects validators' attestations until one batch has more than 2/3 of the stake.
///
/// Attestations arrive verified (signature and chain). The tracker keeps, per height,
/// each validator's first attestation; a second one for another batch at the same height
/// is evidence of a double vote and is counted, never added. Heights at or below the
/// finalized height are forgotten. Bounded: attestations more than `heightWindow` above
/// the finalized height are refused.
public struct FinalityTracker: Sendable {
    /// How far above the finalized height attestations are kept.
    public static let heightWindow: UInt64 = 64

    public enum Outcome: Sendable, Equatable {
        /// Counted; the batch is not final yet.
        case counted
        /// This attestation made the batch final: here is its certificate.
        case finalized(FinalityCertificate)
        /// Already final, already counted, from a non-validator, or outside the window.
        case ignored(String)
        /// The validator already attested another batch at this height.
        case conflicting
    }

    private struct Tally {
        var signatures: [FinalityCertificate.Signature] = []
        var weight: Amount = 0
    }

    public let validators: ValidatorSet
    public private(set) var finalizedHeight: UInt64
    /// Per height, which batch each validator attested.
    private var votes: [UInt64: [AccountAddress: [UInt8]]] = [:]
    private var tallies: [Attestation: Tally] = [:]
    /// Double votes seen.
    public private(set) var conflictingCount = 0

    public init(validators: ValidatorSet, finalizedHeight: UInt64) {
        self.validators = validators
        self.finalizedHeight = finalizedHeight
    }

    /// Counts a verified attestation signed by `signer` with `signature`.
    public mutating func add(_ attestation: Attestation, signer: Ed25519PublicKey, signature: [UInt8]) -> Outcome {
        let height = attestation.height
        guard height > finalizedHeight else { return .ignored("height \(height) is already final") }
        guard height - finalizedHeight <= Self.heightWindow else { return .ignored("height \(height) is too far ahead") }
        let validator = AccountAddress(publicKey: signer)
        let stake = validators.stake(of: validator)
        guard stake > 0 else { return .ignored("\(validator) is not a validator") }
        if let earlier = votes[height]?[validator] {
            if earlier == attestation.batchHash { return .ignored("already counted") }
            conflictingCount += 1
            return .conflicting
        }
        votes[height, default: [:]][validator] = attestation.batchHash
        var tally = tallies[attestation] ?? Tally()
        tally.signatures.append(FinalityCertificate.Signature(signer: signer, signature: signature))
        tally.weight += stake
        tallies[attestation] = tally
        guard validators.isSupermajority(tally.weight) else { return .counted }
        finalize(height)
        return .finalized(FinalityCertificate(attestation: attestation, signatures: tally.signatures))
    }

    /// Records that `height` is final (from a certificate seen elsewhere) and forgets it
    /// and everything below.
    public mutating func finalize(_ height: UInt64) {
        guard height > finalizedHeight else { return }
        finalizedHeight = height
        votes = votes.filter { $0.key > height }
        tallies = tallies.filter { $0.key.height > height }
    }

    /// The stake that attested `batchHash` at `height` so far.
    public func weight(height: UInt64, batchHash: [UInt8]) -> Amount {
        tallies.first { $0.key.height == height && $0.key.batchHash == batchHash }?.value.weight ?? 0
    }
}
