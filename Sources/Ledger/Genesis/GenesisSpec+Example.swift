/// A spec shaped like OpenLedger's published token schedule (REFERENCE.md): community
/// 51.71 % (16.55 % of the supply unlocked at launch, the rest linear over 48 months),
/// ecosystem 10 % (linear over 48 months), investors 18.29 % and team 15 % (12-month
/// cliff, then 36 months linear), liquidity 5 % unlocked — so 21.55 % circulates at
/// launch. A month is 365/12 days.
extension GenesisSpec {
    public static let monthSeconds: UInt64 = 2_628_000

    /// Tokens of the liquidity share (5 % of the supply).
    public static let liquidityTokens: UInt64 = 50_000_000
    /// Tokens each validator of a testnet genesis stakes, as sequencer and as validator alike.
    public static let testnetStakeTokens: UInt64 = 10_000
    /// Most validators ``scheduleShaped(chainID:genesisTime:address:validators:parameters:)`` splits the liquidity among.
    public static let testnetValidatorCountMax = 256

    /// Everything goes to `address`, which also stakes 10,000 tokens as sequencer and as
    /// validator out of the liquidity share: a one-operator chain to start a testnet from.
    public static func scheduleShaped(chainID: UInt64, genesisTime: UInt64, address: String) -> GenesisSpec {
        scheduleShaped(chainID: chainID, genesisTime: genesisTime, address: address, validators: [address], parameters: nil)
    }

    /// The schedule-shaped spec for a testnet of several operators: the vesting allocations
    /// go to `address`, and the liquidity share is split evenly among `validators` (distinct
    /// addresses), each staking 10,000 tokens as sequencer and 10,000 as validator and
    /// keeping the rest of its share as balance; what does not divide evenly goes to
    /// `address`'s balance. `parameters` are governed parameters that differ from their
    /// defaults.
    ///
    /// - Precondition: 1 to ``testnetValidatorCountMax`` distinct validators.
    public static func scheduleShaped(chainID: UInt64, genesisTime: UInt64, address: String, validators: [String],
                                      parameters: [String: String]?) -> GenesisSpec {
        precondition((1...testnetValidatorCountMax).contains(validators.count) && Set(validators).count == validators.count,
                     "1 to \(testnetValidatorCountMax) distinct validators")
        let count = UInt64(validators.count)
        let share = liquidityTokens / count
        let remainder = liquidityTokens - share * count
        var balances = validators.map { (address: $0, tokens: share - 2 * testnetStakeTokens) }
        if let index = balances.firstIndex(where: { $0.address == address }) {
            balances[index].tokens += remainder
        } else if remainder > 0 {
            balances.append((address, remainder))
        }
        let stakes = validators.flatMap { validator in
            ["sequencer", "validator"].map { StakeEntry(address: validator, role: $0, amount: "\(testnetStakeTokens)") }
        }
        return GenesisSpec(chainID: chainID, genesisTime: genesisTime,
                           accounts: balances.map { Account(address: $0.address, balance: "\($0.tokens)") },
                           allocations: vestingAllocations(to: address), stakes: stakes, treasury: nil, parameters: parameters)
    }

    private static func vestingAllocations(to address: String) -> [Allocation] {
        let month = monthSeconds
        return [
            Allocation(name: "community", address: address, amount: "517100000", unlockedAtStart: "165500000",
                       cliffSeconds: 0, vestingSeconds: 48 * month),
            Allocation(name: "ecosystem", address: address, amount: "100000000", unlockedAtStart: nil,
                       cliffSeconds: 0, vestingSeconds: 48 * month),
            Allocation(name: "investors", address: address, amount: "182900000", unlockedAtStart: nil,
                       cliffSeconds: 12 * month, vestingSeconds: 36 * month),
            Allocation(name: "team", address: address, amount: "150000000", unlockedAtStart: nil,
                       cliffSeconds: 12 * month, vestingSeconds: 36 * month),
        ]
    }
}
