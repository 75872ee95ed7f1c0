import Ledger

/// The genesis a workload starts from: every account funded, the roles staked, four vesting
/// allocations, the rest in the treasury, and short windows so that curation, challenges,
/// proposals and unbonding settle within a few batches of 10 to 60 seconds.
enum WorkloadGenesis {
    static let chainID: UInt64 = 424_242
    static let time: UInt64 = 1_767_225_600
    /// Tokens on every account's balance.
    static let balanceTokens: UInt64 = 20_000
    static let sequencerStakeTokens: UInt64 = 20_000
    static let validatorStakeTokens: UInt64 = 20_000
    static let hostStakeTokens: UInt64 = 3_000
    static let curatorStakeTokens: UInt64 = 600
    static let allocationTokens: UInt64 = 1_000_000
    static let allocationUnlockedTokens: UInt64 = 100_000
    static let vestingSeconds: UInt64 = 30 * 86_400

    /// Governed parameters that differ from the defaults.
    static let parameters: [String: String] = [
        "unbonding_period_seconds": "120",
        "governance_voting_period_seconds": "60",
        "governance_delay_seconds": "30",
        "datanet_vote_window_min_seconds": "60",
        "challenge_window_seconds": "120",
        "challenge_vote_window_seconds": "60",
    ]

    static func spec(accounts: WorkloadAccounts) -> GenesisSpec {
        let balances = accounts.addresses.map { GenesisSpec.Account(address: $0.description, balance: "\(balanceTokens)") }
        var stakes: [GenesisSpec.StakeEntry] = []
        var placed = UInt64(accounts.addresses.count) * balanceTokens
        for (indices, role, tokens) in [
            (accounts.sequencers, StakeRole.sequencer, sequencerStakeTokens),
            (accounts.validators, .validator, validatorStakeTokens),
            (accounts.hosts, .host, hostStakeTokens),
            (accounts.curators, .curator, curatorStakeTokens),
        ] {
            for index in indices {
                stakes.append(GenesisSpec.StakeEntry(address: accounts.addresses[index].description, role: role.name,
                                                     amount: "\(tokens)"))
                placed += tokens
            }
        }
        let allocations = accounts.vestingOwners.enumerated().map { allocation, index in
            GenesisSpec.Allocation(name: "allocation \(allocation)", address: accounts.addresses[index].description,
                                   amount: "\(allocationTokens)", unlockedAtStart: "\(allocationUnlockedTokens)",
                                   cliffSeconds: 0, vestingSeconds: vestingSeconds)
        }
        placed += UInt64(allocations.count) * allocationTokens
        return GenesisSpec(chainID: chainID, genesisTime: time, accounts: balances, allocations: allocations,
                           stakes: stakes, treasury: "\(1_000_000_000 - placed)", parameters: parameters)
    }
}
