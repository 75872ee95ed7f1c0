import Identity
import Ledger
import Sodium

/// Which influence/1 receipts tier 2 re-verifies, and which validators do it: a pure,
/// integer function of the finalized batch that carried the receipt, the receipt id, the
/// governed parameters and the validators' stakes, so that every peer at the same state
/// draws the same auditors.
///
/// - Seed: BLAKE2b-256(`"oln/audit-seed/1"` ‖ batch hash ‖ receipt id).
/// - Sampled: the seed's first 8 bytes as a big-endian UInt64, mod 1,000,000, is below
///   `attribution_audit_ppm`.
/// - Auditors: the validators with stake at least `validator_stake_min`, the host left out,
///   sorted by address bytes. Draw j (j = 0, 1, …, `attribution_auditors` − 1, or until no
///   candidate is left) takes r = the first 16 bytes of BLAKE2b-256(`"oln/audit-draw/1"` ‖
///   seed ‖ j as big-endian u32) as a big-endian UInt128 and t = r mod (the remaining
///   candidates' total stake); it picks the first remaining candidate, in address order,
///   whose running stake total exceeds t, and removes it. (The modulo's bias is below
///   total / 2¹²⁸, nothing at a supply of 10²⁷ base units.)
public enum AuditSampling {
    /// The tag in front of a seed's preimage.
    public static let seedDomainTag = Array("oln/audit-seed/1".utf8)
    /// The tag in front of a draw's preimage.
    public static let drawDomainTag = Array("oln/audit-draw/1".utf8)

    /// A validator that may be drawn and the stake it is drawn by.
    public struct Candidate: Sendable, Equatable {
        public let address: AccountAddress
        public let stake: Amount

        public init(address: AccountAddress, stake: Amount) {
            self.address = address
            self.stake = stake
        }
    }

    /// The seed of the receipt `receiptID` carried by the batch `batchHash`.
    public static func seed(batchHash: [UInt8], receiptID: [UInt8]) -> [UInt8] {
        precondition(batchHash.count == 32 && receiptID.count == 32, "a batch hash and a receipt id are 32 bytes")
        return BLAKE2b256.hash(seedDomainTag + batchHash + receiptID)
    }

    /// Whether the receipt of `seed` is re-verified at `auditPartsPerMillion`.
    public static func isSampled(seed: [UInt8], auditPartsPerMillion: UInt64) -> Bool {
        bigEndianUInt64(seed) % 1_000_000 < auditPartsPerMillion
    }

    /// The candidates among `validators`: stake at least `stakeMin`, not `host`, in address order.
    public static func candidates(_ validators: [(address: AccountAddress, amount: Amount)], host: AccountAddress,
                                  stakeMin: Amount) -> [Candidate] {
        validators.filter { $0.amount >= stakeMin && $0.address != host }
            .map { Candidate(address: $0.address, stake: $0.amount) }
            .sorted { $0.address.bytes.lexicographicallyPrecedes($1.address.bytes) }
    }

    /// The auditors of the receipt of `seed`: `count` draws without replacement from
    /// `candidates` (as ``candidates(_:host:stakeMin:)`` gives them), weighted by stake.
    public static func auditors(seed: [UInt8], candidates: [Candidate], count: Int) -> [AccountAddress] {
        precondition(seed.count == 32 && count >= 0, "a 32-byte seed and a count")
        var remaining = candidates.filter { $0.stake > 0 }
        var total = remaining.reduce(Amount(0)) { sum, candidate in
            let (next, overflow) = sum.addingReportingOverflow(candidate.stake)
            precondition(!overflow, "stakes add up past the supply")
            return next
        }
        var chosen: [AccountAddress] = []
        for draw in 0..<min(count, remaining.count) {
            let target = drawValue(seed: seed, draw: UInt32(draw)) % total
            var running = Amount(0)
            let index = remaining.firstIndex { candidate in
                running += candidate.stake
                return running > target
            }!  // running reaches total > target at the last candidate
            chosen.append(remaining[index].address)
            total -= remaining[index].stake
            remaining.remove(at: index)
        }
        return chosen
    }

    /// r_j: the first 16 bytes of draw j's hash as a big-endian UInt128.
    static func drawValue(seed: [UInt8], draw: UInt32) -> UInt128 {
        let digest = BLAKE2b256.hash(drawDomainTag + seed + withUnsafeBytes(of: draw.bigEndian, Array.init))
        return digest.prefix(16).reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
    }

    static func bigEndianUInt64(_ bytes: [UInt8]) -> UInt64 {
        bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
