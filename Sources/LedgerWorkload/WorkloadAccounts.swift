import Identity
import Ledger
import Sodium

/// The workload's accounts: keys drawn from the seed, and the roles genesis gives them.
///
/// Accounts 0 and 1 are sequencers (they lead batches), 2 to 7 validators; from 8 on,
/// every fourth account is a host and two in four are curators, and accounts 8 to 11 own
/// the vesting allocations 0 to 3. A few cold addresses without keys only receive.
public struct WorkloadAccounts: Sendable {
    /// Addresses that receive transfers but never send.
    public static let coldAddressCount = 8
    static let sequencerIndices = 0..<2
    static let validatorIndices = 2..<8
    static let vestingOwnerIndices = 8..<12

    /// Each account's signing key, by index.
    public let keys: [Ed25519PrivateKey]
    /// Each account's address, by index.
    public let addresses: [AccountAddress]
    /// Addresses without keys that only receive transfers.
    public let coldAddresses: [AccountAddress]
    /// Indices of the accounts staked as sequencers at genesis; they lead the batches.
    public let sequencers: [Int]
    /// Indices of the accounts staked as validators: they vote on challenges.
    public let validators: [Int]
    /// Indices of the accounts staked as curators: they vote on contributions.
    public let curators: [Int]
    /// Indices of the accounts staked as hosts: they list adapters and send receipts.
    public let hosts: [Int]
    /// Account indices owning vesting allocation 0, 1, …
    public let vestingOwners: [Int]
    /// Accounts with any stake at genesis: those that may propose and vote on proposals.
    public let staked: [Int]
    private let indexByAddress: [AccountAddress: Int]

    init(seed: UInt64, count: Int) {
        var random = WorkloadRandom(seed: seed, stream: UInt64.max)
        keys = (0..<count).map { _ in
            do {
                return try Ed25519PrivateKey(seed: random.bytes(count: Ed25519PrivateKey.seedByteCount))
            } catch {
                preconditionFailure("an Ed25519 seed of 32 bytes is always valid: \(error)")
            }
        }
        addresses = keys.map { AccountAddress(publicKey: $0.publicKey) }
        coldAddresses = (0..<Self.coldAddressCount).map { _ in
            do {
                return try AccountAddress(bytes: random.bytes(count: AccountAddress.byteCount))
            } catch {
                preconditionFailure("20 bytes always make an address: \(error)")
            }
        }
        sequencers = Array(Self.sequencerIndices)
        validators = Array(Self.validatorIndices)
        hosts = (0..<count).filter { Self.role(of: $0) == .host }
        curators = (0..<count).filter { Self.role(of: $0) == .curator }
        vestingOwners = Array(Self.vestingOwnerIndices)
        staked = (sequencers + validators + hosts + curators).sorted()
        indexByAddress = Dictionary(uniqueKeysWithValues: addresses.enumerated().map { ($1, $0) })
    }

    /// The role account `index` was staked in at genesis, if any.
    public func genesisRole(of index: Int) -> StakeRole? {
        Self.role(of: index)
    }

    private static func role(of index: Int) -> StakeRole? {
        switch index {
        case Self.sequencerIndices: .sequencer
        case Self.validatorIndices: .validator
        case _ where index >= 8 && index % 4 == 0: .host
        case _ where index >= 8 && (index % 4 == 1 || index % 4 == 2): .curator
        default: nil
        }
    }

    /// The index of the account with `address`, if it is one of the workload's.
    public func index(of address: AccountAddress) -> Int? {
        indexByAddress[address]
    }

    /// Every address that can hold a balance: the accounts, then the cold addresses.
    public var allAddresses: [AccountAddress] {
        addresses + coldAddresses
    }
}
