/// Settling contributions when their vote window ends, and cutting datanet versions.
extension LedgerStateMachine {
    mutating func settleContribution(at key: [UInt8]) throws {
        guard var contribution = try state.record(ContributionRecord.self, at: key),
              contribution.status == .pending else { return }
        let datanetKey = StateKey.datanet(contribution.datanetID)
        guard var datanet = try state.record(DatanetRecord.self, at: datanetKey) else {
            throw LedgerError.corruptState("contribution of a missing datanet")
        }
        var (acceptWeight, rejectWeight) = (Amount(0), Amount(0))
        for vote in contribution.votes {
            if vote.inFavour { acceptWeight += vote.weight } else { rejectWeight += vote.weight }
        }
        let subject = Array(key.dropFirst())
        if acceptWeight + rejectWeight < datanet.rules.quorum {
            contribution.status = .lapsed
            try state.credit(contribution.contributor, contribution.bond)
        } else if acceptWeight > rejectWeight {
            contribution.status = .accepted
            try state.credit(contribution.contributor, contribution.bond)
            datanet.accepted.append(contribution.contentHash)
            contribution.version = datanet.version + 1
            state.setRecord(datanet, at: datanetKey)
            datanetsWithAcceptances.insert(contribution.datanetID)
            try slashCurators(contribution.votes.filter { !$0.inFavour }, subject: subject)
        } else {
            contribution.status = .rejected
            try shareBond(contribution.bond, among: contribution.votes.filter { !$0.inFavour },
                          weight: rejectWeight, subject: subject)
            try slashCurators(contribution.votes.filter(\.inFavour), subject: subject)
        }
        state.setRecord(contribution, at: key)
    }

    /// Pays `bond` to `voters` in proportion to their weight; the remainder of the integer
    /// division goes to the treasury.
    private func shareBond(_ bond: Amount, among voters: [WeightedVote], weight: Amount, subject: [UInt8]) throws {
        var paid: Amount = 0
        for vote in voters {
            let share = CheckedArithmetic.proportion(of: bond, numerator: vote.weight, denominator: weight)
            try state.credit(vote.voter, share)
            state.recordPayout(PayoutEvent(subject: subject, account: vote.voter, reason: .curationBond, amount: share))
            paid += share
        }
        try state.addToTreasury(bond - paid)
    }

    /// Takes `curator_slash_ppm` of each losing vote's weight from the voter's curator
    /// stake (as much of it as is still bonded) into the treasury.
    private func slashCurators(_ losers: [WeightedVote], subject: [UInt8]) throws {
        for vote in losers {
            let due = CheckedArithmetic.share(of: vote.weight, partsPerMillion: parameters[.curatorSlash])
            let slashed = min(due, try state.stake(vote.voter, .curator))
            guard slashed > 0 else { continue }
            try state.removeStake(vote.voter, .curator, slashed)
            try state.addToTreasury(slashed)
            state.recordPayout(PayoutEvent(subject: subject, account: vote.voter, reason: .curatorSlash, amount: slashed))
        }
    }

    /// Each datanet that accepted contributions in this batch gets its next version, named
    /// by the root over all its accepted content hashes.
    mutating func cutDatanetVersions() throws {
        for id in datanetsWithAcceptances.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let key = StateKey.datanet(id)
            guard var datanet = try state.record(DatanetRecord.self, at: key) else { continue }
            datanet.version += 1
            datanet.versionRoot = datanet.accepted.root
            state.setRecord(datanet, at: key)
        }
        datanetsWithAcceptances.removeAll()
    }
}
