import Ledger

extension ValidatorSet {
    /// The validators in the ledger's current state: every account whose validator stake
    /// is at least `validator_stake_min`, weighted by that stake; beyond
    /// ``memberCountMax`` the largest stakes (the lower address first among equals).
    public static func current(in ledger: LedgerDatabase) throws -> ValidatorSet {
        let minimum = try ledger.parameters()[.validatorStakeMin]
        let members = try ledger.stakers(of: .validator).filter { $0.amount >= minimum }
            .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.address < $1.address }
        return ValidatorSet(members: members.prefix(memberCountMax).map { (address: $0.address, stake: $0.amount) })
    }
}
