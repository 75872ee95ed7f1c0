/// A spec shaped like OpenLedger's published token schedule (REFERENCE.md): community
/// 51.71 % (16.55 % of the supply unlocked at launch, the rest linear over 48 months),
/// ecosystem 10 % (linear over 48 months), investors 18.29 % and team 15 % (12-month
/// cliff, then 36 months linear), liquidity 5 % unlocked — so 21.55 % circulates at
/// launch. A month is 365/12 days.
extension GenesisSpec {
    public static let monthSeconds: UInt64 = 2_628_000

    /// Everything goes to `address`, which also stakes 10,000 tokens as sequencer and as
    /// validator out of the liquidity share: a one-operator chain to start a testnet from.
    public static func scheduleShaped(chainID: UInt64, genesisTime: UInt64, address: String) -> GenesisSpec {
        let month = monthSeconds
        let allocations = [
            Allocation(name: "community", address: address, amount: "517100000", unlockedAtStart: "165500000",
                       cliffSeconds: 0, vestingSeconds: 48 * month),
            Allocation(name: "ecosystem", address: address, amount: "100000000", unlockedAtStart: nil,
                       cliffSeconds: 0, vestingSeconds: 48 * month),
            Allocation(name: "investors", address: address, amount: "182900000", unlockedAtStart: nil,
                       cliffSeconds: 12 * month, vestingSeconds: 36 * month),
            Allocation(name: "team", address: address, amount: "150000000", unlockedAtStart: nil,
                       cliffSeconds: 12 * month, vestingSeconds: 36 * month),
        ]
        return GenesisSpec(
            chainID: chainID, genesisTime: genesisTime,
            accounts: [Account(address: address, balance: "49980000")],
            allocations: allocations,
            stakes: [StakeEntry(address: address, role: "sequencer", amount: "10000"),
                     StakeEntry(address: address, role: "validator", amount: "10000")],
            treasury: nil, parameters: nil)
    }
}
