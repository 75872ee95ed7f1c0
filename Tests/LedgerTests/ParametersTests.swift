import Testing
@testable import Ledger

/// The governed parameters and their defaults: `GovernedParameter`, `LedgerParameters`.
@Suite("Parameters")
struct ParametersTests {
    /// Defaults as the issue and the rules in the state machine's files describe them.
    static let documentedDefaults: [(String, Amount)] = [
        ("gas_price", 1_000_000_000), ("gas_per_byte", 10), ("fee_burn_ppm", 200_000),
        ("unbonding_period_seconds", 604_800), ("sequencer_stake_min", Token.tokens(10_000)),
        ("validator_stake_min", Token.tokens(10_000)), ("curator_stake_min", Token.tokens(100)),
        ("host_stake_min", Token.tokens(1_000)), ("governance_proposal_stake_min", Token.tokens(100)),
        ("governance_voting_period_seconds", 604_800), ("governance_quorum_ppm", 250_000),
        ("governance_threshold_ppm", 500_001), ("governance_delay_seconds", 86_400),
        ("datanet_vote_window_min_seconds", 3_600), ("datanet_vote_window_max_seconds", 2_592_000),
        ("curator_slash_ppm", 50_000), ("receipt_host_share_ppm", 400_000), ("receipt_contributor_share_ppm", 400_000),
        ("receipt_curator_share_ppm", 100_000), ("challenge_window_seconds", 86_400),
        ("challenge_vote_window_seconds", 86_400), ("challenge_bond_min", Token.tokens(10)),
        ("challenge_quorum_ppm", 334_000), ("challenge_host_slash_ppm", 100_000), ("challenge_reward_ppm", 500_000),
        ("equivocation_slash_ppm", 100_000), ("slot_milliseconds", 2_000), ("batch_transactions_max", 10_000),
        ("batch_bytes_max", 8_388_608), ("attribution_audit_ppm", 100_000), ("attribution_auditors", 3),
        ("epoch_heights", 64),
    ]

    @Test("every documented parameter has its documented default")
    func defaults() throws {
        for (name, value) in Self.documentedDefaults {
            let parameter = try #require(GovernedParameter.named(name), "\(name) is missing")
            #expect(parameter.defaultValue == value, "\(name)")
            #expect(LedgerParameters.defaults[parameter] == value, "\(name)")
        }
    }

    @Test("each transaction kind has a gas parameter: 21,000 for economy, 60,000 for heavy kinds, else 40,000")
    func gasSchedule() throws {
        let expected: [String: Amount] = [
            "transfer": 21_000, "stake": 21_000, "unstake": 21_000, "claim_vesting": 21_000,
            "propose": 40_000, "governance_vote": 40_000, "create_datanet": 40_000, "contribute": 40_000,
            "curation_vote": 40_000, "register_base_model": 40_000, "training_result": 60_000, "host_listing": 40_000,
            "inference_receipt": 60_000, "attribution_challenge": 60_000, "challenge_vote": 40_000,
            "equivocation_evidence": 60_000,
        ]
        #expect(Set(TransactionKind.allNames) == Set(expected.keys))
        for (kind, gas) in expected {
            let parameter = try #require(GovernedParameter.named("gas_\(kind)"))
            #expect(parameter.defaultValue == gas, "gas_\(kind)")
            #expect(LedgerParameters.defaults.baseGas(forKind: kind) == gas)
        }
        #expect(GovernedParameter.all.count == Self.documentedDefaults.count + expected.count)
    }

    @Test("names are unique, sorted, snake_case, and every default lies in its range")
    func registry() {
        let names = GovernedParameter.all.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        for parameter in GovernedParameter.all {
            #expect(parameter.range.contains(parameter.defaultValue), "\(parameter.name)")
            #expect(parameter.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(parameter.name)")
            #expect(!parameter.summary.isEmpty)
        }
        #expect(GovernedParameter.named("no_such_parameter") == nil)
    }

    @Test("the defaults break no relation; receipt shares over the whole or a window minimum above its maximum do")
    func relations() {
        var parameters = LedgerParameters.defaults
        #expect(parameters.relationViolation() == nil)
        parameters[.receiptCuratorShare] = 200_000
        #expect(parameters.relationViolation() == nil)
        parameters[.receiptCuratorShare] = 200_001
        #expect(parameters.relationViolation() != nil)
        parameters = .defaults
        parameters[.voteWindowMin] = parameters[.voteWindowMax]
        #expect(parameters.relationViolation() == nil)
        parameters[.voteWindowMin] += 1
        #expect(parameters.relationViolation() != nil)
    }

    @Test("time and count parameters read as 64-bit integers")
    func integers() {
        #expect(LedgerParameters.defaults.integer(.unbondingPeriod) == 604_800)
        #expect(LedgerParameters.defaults.integer(.batchTransactionsMax) == 10_000)
    }

    @Test("a ledger starts with every parameter at its default unless genesis overrides it")
    func stored() throws {
        let fixture = try LedgerFixture(parameters: ["curator_slash_ppm": "70000"])
        let parameters = try fixture.ledger.parameters()
        for parameter in GovernedParameter.all where parameter != .curatorSlash {
            #expect(parameters[parameter] == parameter.defaultValue, "\(parameter.name)")
        }
        #expect(parameters[.curatorSlash] == 70_000)
    }
}
