import Identity

/// Who leads each slot: weighted round robin over the sequencer set, as CometBFT selects
/// proposers (REFERENCE.md).
///
/// Each member keeps a priority. For every slot: if the spread of priorities exceeds
/// twice the total power they are divided down; the average is subtracted; every member
/// gains its power; the member with the highest priority leads (ties: the lower address)
/// and loses the total power. Over many slots each member leads in proportion to its
/// power, and a member never waits long. The schedule of an epoch is computed from the
/// set fixed for that epoch, starting from zero priorities, so every peer derives it
/// from the state alone.
public struct LeaderSchedule: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let address: AccountAddress
        public let power: Int64

        public init(address: AccountAddress, power: Int64) {
            self.address = address
            self.power = power
        }
    }

    /// Most members a set may have.
    public static let memberCountMax = 1_000
    /// Largest power of one member; keeps every priority within Int64.
    public static let powerMax: Int64 = 1 << 40

    /// The members, ordered by address.
    public let members: [Member]
    public let totalPower: Int64
    private(set) var priorities: [Int64]

    /// - Precondition: 1 to ``memberCountMax`` members with distinct addresses and powers
    ///   in `1...powerMax`.
    public init(members: [(address: AccountAddress, power: Int64)]) {
        precondition(!members.isEmpty && members.count <= Self.memberCountMax, "a schedule needs 1 to 1000 members")
        precondition(Set(members.map(\.address)).count == members.count, "members must be distinct")
        precondition(members.allSatisfy { $0.power > 0 && $0.power <= Self.powerMax }, "powers must be positive")
        self.members = members.sorted { $0.address < $1.address }.map { Member(address: $0.address, power: $0.power) }
        totalPower = self.members.reduce(0) { $0 + $1.power }
        priorities = Array(repeating: 0, count: members.count)
    }

    /// Advances one slot and returns its leader.
    public mutating func nextLeader() -> AccountAddress {
        rescalePriorities()
        shiftByAverage()
        for index in priorities.indices { priorities[index] += members[index].power }
        var leader = 0
        for index in priorities.indices.dropFirst() where priorities[index] > priorities[leader] {
            leader = index
        }
        priorities[leader] -= totalPower
        return members[leader].address
    }

    /// The leaders of the next `count` slots.
    public mutating func nextLeaders(_ count: Int) -> [AccountAddress] {
        (0..<count).map { _ in nextLeader() }
    }

    private mutating func rescalePriorities() {
        let window = 2 * totalPower
        guard let highest = priorities.max(), let lowest = priorities.min() else { return }
        let spread = highest - lowest
        guard spread > window else { return }
        let ratio = (spread + window - 1) / window
        for index in priorities.indices { priorities[index] /= ratio }
    }

    /// Subtracts the average priority, rounded towards negative infinity.
    private mutating func shiftByAverage() {
        let count = Int64(priorities.count)
        let sum = priorities.reduce(0, +)
        var average = sum / count
        if sum % count != 0 && sum < 0 { average -= 1 }
        for index in priorities.indices { priorities[index] -= average }
    }
}
