import Ledger

/// The validators whose attestations count, with their stakes, fixed for an epoch.
public struct ValidatorSet: Sendable, Equatable {
    /// Most validators in a set.
    public static let memberCountMax = 1_000

    /// Stakes by validator, ordered by address.
    public let members: [(address: AccountAddress, stake: Amount)]
    public let totalStake: Amount
    private let stakes: [AccountAddress: Amount]

    /// - Precondition: distinct addresses, positive stakes, at most ``memberCountMax``.
    public init(members: [(address: AccountAddress, stake: Amount)]) {
        precondition(members.count <= Self.memberCountMax, "too many validators")
        precondition(members.allSatisfy { $0.stake > 0 }, "validators have stake")
        self.members = members.sorted { $0.address < $1.address }
        stakes = Dictionary(uniqueKeysWithValues: members.map { ($0.address, $0.stake) })
        totalStake = members.reduce(0) { $0 + $1.stake }
    }

    public static func == (left: ValidatorSet, right: ValidatorSet) -> Bool {
        left.members.elementsEqual(right.members) { $0.address == $1.address && $0.stake == $1.stake }
    }

    /// The stake of `address`, zero if it is not a validator.
    public func stake(of address: AccountAddress) -> Amount { stakes[address] ?? 0 }

    /// Whether `weight` is more than two thirds of all validator stake.
    public func isSupermajority(_ weight: Amount) -> Bool {
        weight.multipliedFullWidth(by: 3) > totalStake.multipliedFullWidth(by: 2)
    }
}
