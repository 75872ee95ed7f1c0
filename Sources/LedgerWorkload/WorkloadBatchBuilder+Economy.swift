import Identity
import Ledger

/// Transfers, stakes, unstakes, vesting claims, proposals, proposal votes and evidence.
extension WorkloadBatchBuilder {
    /// Parameters proposals change, with the values proposed: none of them touches fees,
    /// windows or stake minimums, so the workload's other transactions stay valid.
    static let proposable: [(name: String, values: ClosedRange<Amount>)] = [
        ("curator_slash_ppm", 10_000...100_000),
        ("fee_burn_ppm", 100_000...300_000),
        ("challenge_reward_ppm", 300_000...700_000),
        ("challenge_host_slash_ppm", 50_000...150_000),
    ]

    mutating func addTransfer() throws -> Bool {
        let sender = anyAccount()
        let recipient = random.chance(partsPerMillion: 100_000)
            ? accounts.coldAddresses[Int.random(in: accounts.coldAddresses.indices, using: &random)]
            : accounts.addresses[anyAccount(except: sender)]
        let amount = Amount.random(in: 1...Token.tokens(100), using: &random)
        return try sign(.transfer(Transfer(to: recipient, amount: amount)), from: sender, debit: amount)
    }

    /// Validators add validator stake, hosts host stake, everyone else curator stake.
    mutating func addStake() throws -> Bool {
        let sender = anyAccount()
        let role: StakeRole = switch accounts.genesisRole(of: sender) {
        case .validator: .validator
        case .host: .host
        default: .curator
        }
        let amount = Amount.random(in: Token.tokens(1)...Token.tokens(50), using: &random)
        return try sign(.stake(Stake(role: role, amount: amount)), from: sender, debit: amount)
    }

    /// Unstakes up to a quarter of what a staked account holds above one and a half times
    /// its role's minimum, so that it keeps its role.
    mutating func addUnstake() throws -> Bool {
        guard let sender = element(of: accounts.staked), let role = accounts.genesisRole(of: sender) else { return false }
        let keep = minimumStake(role) * 3 / 2
        let stake = try stake(sender, role)
        guard stake > keep, (stake - keep) / 4 > 0 else { return false }
        let amount = Amount.random(in: 1...(stake - keep) / 4, using: &random)
        guard try sign(.unstake(Unstake(role: role, amount: amount)), from: sender) else { return false }
        reduceStake(sender, role, by: amount)
        return true
    }

    mutating func addClaimVesting() throws -> Bool {
        let allocation = Int.random(in: accounts.vestingOwners.indices, using: &random)
        guard markDone(Array("claim".utf8), [UInt8(allocation)]) else { return false }
        return try sign(.claimVesting(ClaimVesting(allocation: UInt32(allocation))), from: accounts.vestingOwners[allocation])
    }

    mutating func addProposal() throws -> Bool {
        guard let sender = element(of: accounts.staked) else { return false }
        let parameter = Self.proposable[Int.random(in: Self.proposable.indices, using: &random)]
        let value = Amount.random(in: parameter.values, using: &random)
        return try sign(.propose(Propose(parameter: parameter.name, value: value)), from: sender)
    }

    /// A staked account votes on an open proposal, at most once per batch. It may have
    /// voted in an earlier batch (the ledger offers no query for that): then it fails.
    mutating func addGovernanceVote() throws -> Bool {
        guard let proposal = element(of: openProposals),
              let voter = element(of: accounts.staked),
              try ledger.proposal(proposal.id)?.status == .open,
              markDone(proposal.id, accounts.addresses[voter].bytes) else { return false }
        let approve = random.chance(partsPerMillion: 700_000)
        return try sign(.governanceVote(GovernanceVote(proposalID: proposal.id, approve: approve)), from: voter)
    }

    /// Two different headers for one random slot, signed by a sequencer.
    mutating func addEvidence() throws -> Bool {
        guard let sequencer = element(of: accounts.sequencers) else { return false }
        let slot = UInt64.random(in: 1...(1 << 40), using: &random)
        let first = header(slot: slot, signer: sequencer)
        var second = header(slot: slot, signer: sequencer)
        while second == first { second = header(slot: slot, signer: sequencer) }
        let evidence = EquivocationEvidence(first: first, second: second)
        return try sign(.equivocationEvidence(evidence), from: anyAccount(except: sequencer))
    }

    /// The envelope of a batch header for `slot` signed by account `signer`.
    mutating func header(slot: UInt64, signer: Int) -> [UInt8] {
        let header = BatchHeader(height: UInt64.random(in: 1...1_000_000, using: &random), slot: slot,
                                 parentHash: hash(), transactionsRoot: hash(), stateRoot: hash(), time: time)
        return SignedMessage(signing: header, chainID: chainID, with: accounts.keys[signer]).envelopeBytes
    }

    func minimumStake(_ role: StakeRole) -> Amount {
        switch role {
        case .sequencer: parameters[.sequencerStakeMin]
        case .validator: parameters[.validatorStakeMin]
        case .curator: parameters[.curatorStakeMin]
        case .host: parameters[.hostStakeMin]
        }
    }
}
