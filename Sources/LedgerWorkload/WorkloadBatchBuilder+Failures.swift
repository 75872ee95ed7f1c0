import Identity
import Ledger

/// Transactions that pay their fee and then fail in the state machine, each with the
/// failure code it must get. None of them is refused outright: nonces, expiry and fees
/// are as valid as for any other transaction.
extension WorkloadBatchBuilder {
    enum Failure: CaseIterable {
        case overdrawnTransfer, zeroTransfer, overdrawnStake, overdrawnUnstake, unknownAllocation
        case unknownParameter, unknownProposal, unknownDatanet, selfVote, doubleVote, lateVote
        case unknownModel, badAttributionWeights, unknownChallenge
    }

    /// Adds a failing transaction of a random variant; false if that variant has nothing
    /// to act on yet.
    mutating func addFailing() throws -> Bool {
        let failure = Failure.allCases[Int.random(in: Failure.allCases.indices, using: &random)]
        let sender = anyAccount()
        switch failure {
        case .overdrawnTransfer:
            let transfer = Transfer(to: accounts.addresses[anyAccount(except: sender)], amount: Token.supply)
            return try sign(.transfer(transfer), from: sender, expectedFailure: "insufficient_balance")
        case .zeroTransfer:
            let transfer = Transfer(to: accounts.addresses[anyAccount(except: sender)], amount: 0)
            return try sign(.transfer(transfer), from: sender, expectedFailure: "zero_amount")
        case .overdrawnStake:
            return try sign(.stake(Stake(role: .curator, amount: Token.supply)), from: sender,
                            expectedFailure: "insufficient_balance")
        case .overdrawnUnstake:
            return try sign(.unstake(Unstake(role: .validator, amount: Token.supply)), from: sender,
                            expectedFailure: "insufficient_stake")
        case .unknownAllocation:
            guard !accounts.vestingOwners.contains(sender) else { return false }
            return try sign(.claimVesting(ClaimVesting(allocation: 0)), from: sender, expectedFailure: "unknown_allocation")
        case .unknownParameter:
            return try sign(.propose(Propose(parameter: "no_such_parameter", value: 1)), from: sender,
                            expectedFailure: "unknown_parameter")
        case .unknownProposal:
            return try sign(.governanceVote(GovernanceVote(proposalID: hash(), approve: true)), from: sender,
                            expectedFailure: "unknown_proposal")
        case .unknownDatanet:
            let contribution = Contribute(datanetID: hash(), contentHash: hash(), byteCount: 1, metadata: "",
                                          licence: "MIT", bond: Token.tokens(1))
            return try sign(.contribute(contribution), from: sender, debit: contribution.bond, expectedFailure: "unknown_datanet")
        case .selfVote, .doubleVote, .lateVote:
            return try addFailingCurationVote(failure)
        case .unknownModel:
            return try addUnknownModelTraining(from: sender)
        case .badAttributionWeights:
            return try addBadAttributionReceipt()
        case .unknownChallenge:
            return try sign(.challengeVote(ChallengeVote(challengeID: hash(), uphold: true)), from: sender,
                            expectedFailure: "unknown_challenge")
        }
    }

    /// A contributor voting on its own open contribution, a curator voting twice, or a vote
    /// on a contribution that was already accepted.
    private mutating func addFailingCurationVote(_ failure: Failure) throws -> Bool {
        if failure == .lateVote {
            guard let datanet = element(of: catalogue.datanets), let accepted = element(of: datanet.accepted),
                  let voter = element(of: accounts.curators) else { return false }
            return try sign(.curationVote(CurationVote(contributionID: accepted.id, accept: true)), from: voter,
                            expectedFailure: "vote_outside_window")
        }
        guard let open = element(of: openContributions) else { return false }
        let contribution = catalogue.pending[open]
        let voter: AccountAddress
        if failure == .selfVote {
            voter = contribution.contributor
        } else {
            guard let record = try ledger.contribution(contribution.id), let earlier = element(of: record.votes) else {
                return false
            }
            voter = earlier.voter
        }
        guard let index = accounts.index(of: voter) else { return false }
        return try sign(.curationVote(CurationVote(contributionID: contribution.id, accept: true)), from: index,
                        expectedFailure: failure == .selfVote ? "self_vote" : "double_vote")
    }

    /// A training result on an existing datanet version naming a base model never registered.
    private mutating func addUnknownModelTraining(from sender: Int) throws -> Bool {
        guard let datanet = randomIndex(below: catalogue.datanets.count), let record = try datanetRecord(datanet),
              record.version >= 1 else { return false }
        let result = TrainingResult(datanetID: catalogue.datanets[datanet].id, datanetVersion: record.version,
                                    baseModelHash: hash(), hyperparameters: [], adapterHash: hash(),
                                    adapterByteCount: 1, metrics: [], gradientStoreRoot: [])
        return try sign(.trainingResult(result), from: sender, expectedFailure: "unknown_model")
    }

    /// A receipt whose attribution weights sum to one part per million too few.
    private mutating func addBadAttributionReceipt() throws -> Bool {
        guard let host = element(of: accounts.hosts), try stake(host, .host) >= parameters[.hostStakeMin],
              let datanet = element(of: catalogue.datanets.filter { !$0.accepted.isEmpty }) else { return false }
        var attribution = attribution(over: datanet.accepted.map(\.id))
        guard let last = attribution.indices.last, attribution[last].weightPPM > 1 else { return false }
        attribution[last].weightPPM -= 1
        let client = anyAccount(except: host)
        let fee = Token.tokens(1) / 1_000
        let receipt = receipt(host: host, client: client, datanetID: datanet.id, adapter: [],
                              attribution: attribution, fee: fee)
        return try sign(.inferenceReceipt(receipt), from: host, expectedFailure: "invalid_attribution")
    }
}
