import Sodium
import Testing
@testable import Ledger

/// A batch whose transactions were expected to apply but did not.
struct UnexpectedOutcomes: Error, CustomStringConvertible {
    let outcomes: [TransactionOutcome]
    var description: String { "expected every transaction to apply, got \(outcomes)" }
}

/// Helpers for the state machine's behaviour tests: reading stakes and totals, applying
/// transactions that must succeed, and the fee arithmetic of the fixture.
extension LedgerFixture {
    /// Account `index`'s bonded stake in `role`.
    func stake(_ index: Int, _ role: StakeRole) throws -> Amount {
        try ledger.stakes(of: addresses[index]).first { $0.role == role }?.amount ?? 0
    }

    func treasury() throws -> Amount {
        try ledger.systemTotals().treasury
    }

    func burned() throws -> Amount {
        try ledger.systemTotals().burned
    }

    /// What the treasury gains from `count` fixture fees in a batch without a leader: the
    /// fees less the default `fee_burn_ppm` (200,000) share.
    static func treasuryIncome(fromFees count: Int) -> Amount {
        let fees = fee * Amount(count)
        return fees - fees * 200_000 / 1_000_000
    }

    /// Applies the transactions as one batch and throws unless every one applied.
    @discardableResult
    func applyExpectingSuccess(_ transactions: [SignedTransaction], after seconds: UInt64 = 2) throws -> BatchResult {
        let result = try apply(transactions, after: seconds)
        guard result.outcomes.allSatisfy({ $0 == .applied }) else { throw UnexpectedOutcomes(outcomes: result.outcomes) }
        return result
    }

    /// Signs `kind` from `index`, applies it alone, and returns its outcome.
    func outcome(of kind: TransactionKind, from index: Int, after seconds: UInt64 = 2) throws -> TransactionOutcome {
        try outcome(of: transaction(kind, from: index, expiry: time + seconds + 3_600), after: seconds)
    }

    /// Seconds from the last batch to `target`, for `apply(_:after:)`.
    func seconds(until target: UInt64) -> UInt64 {
        precondition(target > time, "the target lies in the past")
        return target - time
    }

    /// Checks that balances, stakes, unbonding, locked vesting, bonds, treasury and burned
    /// add up to the fixed supply, counted record by record.
    func expectSupplyHeld(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try SupplyAudit.holdings(of: ledger).total == Token.supply, sourceLocation: sourceLocation)
    }

    /// A content hash for test item `seed`.
    static func contentHash(_ seed: String) -> [UInt8] {
        BLAKE2b256.hash(Array(seed.utf8))
    }

    /// Datanet rules within the default governed bounds.
    static func rules(curatorStakeMin: Amount = Token.tokens(100), quorum: Amount = Token.tokens(1_000),
                      voteWindowSeconds: UInt64 = 3_600, contributionBond: Amount = Token.tokens(10),
                      payloadByteCountMax: UInt64 = 1 << 20) -> DatanetRules {
        DatanetRules(curatorStakeMin: curatorStakeMin, quorum: quorum, voteWindowSeconds: voteWindowSeconds,
                     contributionBond: contributionBond, payloadByteCountMax: payloadByteCountMax)
    }

    static func createDatanet(_ name: String, rules: DatanetRules = rules()) -> TransactionKind {
        .createDatanet(CreateDatanet(name: name, summary: "test datanet \(name)", tags: ["test"], rules: rules))
    }

    static func contribute(to datanet: [UInt8], content: String, byteCount: UInt64 = 4_096,
                           bond: Amount = Token.tokens(10)) -> TransactionKind {
        .contribute(Contribute(datanetID: datanet, contentHash: contentHash(content), byteCount: byteCount,
                               metadata: #"{"lang":"en"}"#, licence: "CC-BY-4.0", bond: bond))
    }

    static func curationVote(_ contribution: [UInt8], accept: Bool) -> TransactionKind {
        .curationVote(CurationVote(contributionID: contribution, accept: accept))
    }
}
