import Wire

/// What a transaction does: the `kind` oneof of `Transaction`, one case per message.
///
/// The kind is always written, even when its message is empty (such as
/// `ClaimVesting(allocation: 0)`, written `6a 00`), as protobuf does for a set oneof member.
public enum TransactionKind: Hashable, Sendable {
    case transfer(Transfer)
    case stake(Stake)
    case unstake(Unstake)
    case claimVesting(ClaimVesting)
    case propose(Propose)
    case governanceVote(GovernanceVote)
    case createDatanet(CreateDatanet)
    case contribute(Contribute)
    case curationVote(CurationVote)
    case registerBaseModel(RegisterBaseModel)
    case trainingResult(TrainingResult)
    case hostListing(HostListing)
    case inferenceReceipt(InferenceReceipt)
    case attributionChallenge(AttributionChallenge)
    case challengeVote(ChallengeVote)
    case equivocationEvidence(EquivocationEvidence)

    /// Every kind's name, in field-number order: the proto field names (`transfer`,
    /// `claim_vesting`, …), as the gas schedule and logs use them.
    public static let allNames: [String] = [
        "transfer", "stake", "unstake", "claim_vesting", "propose", "governance_vote",
        "create_datanet", "contribute", "curation_vote",
        "register_base_model", "training_result", "host_listing",
        "inference_receipt", "attribution_challenge", "challenge_vote",
        "equivocation_evidence",
    ]

    /// Every kind's field number in `Transaction`, in the order of ``allNames``.
    public static let allFieldNumbers: [Int] = [10, 11, 12, 13, 14, 15, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50]

    /// The kind's name: its field name in docs/transactions.proto.
    public var name: String { Self.allNames[ordinal] }

    /// The kind's field number in `Transaction`.
    public var fieldNumber: Int { Self.allFieldNumbers[ordinal] }

    /// The kind's position in ``allNames`` and ``allFieldNumbers``.
    var ordinal: Int {
        switch self {
        case .transfer: 0
        case .stake: 1
        case .unstake: 2
        case .claimVesting: 3
        case .propose: 4
        case .governanceVote: 5
        case .createDatanet: 6
        case .contribute: 7
        case .curationVote: 8
        case .registerBaseModel: 9
        case .trainingResult: 10
        case .hostListing: 11
        case .inferenceReceipt: 12
        case .attributionChallenge: 13
        case .challengeVote: 14
        case .equivocationEvidence: 15
        }
    }

    /// The kind's message.
    var message: any LedgerMessageCoding {
        switch self {
        case .transfer(let message): message
        case .stake(let message): message
        case .unstake(let message): message
        case .claimVesting(let message): message
        case .propose(let message): message
        case .governanceVote(let message): message
        case .createDatanet(let message): message
        case .contribute(let message): message
        case .curationVote(let message): message
        case .registerBaseModel(let message): message
        case .trainingResult(let message): message
        case .hostListing(let message): message
        case .inferenceReceipt(let message): message
        case .attributionChallenge(let message): message
        case .challengeVote(let message): message
        case .equivocationEvidence(let message): message
        }
    }

    /// Writes the kind as its `Transaction` field.
    func encode(to writer: inout ProtobufWriter) {
        writer.writeMessage(message, field: fieldNumber)
    }

    /// The kind held in `field`, one of ``allFieldNumbers``, read with `reader`'s limits.
    init(field: ProtobufField, in reader: ProtobufReader) throws(WireError) {
        switch field.number {
        case 10: self = .transfer(try reader.nestedMessage(Transfer.self, in: field))
        case 11: self = .stake(try reader.nestedMessage(Stake.self, in: field))
        case 12: self = .unstake(try reader.nestedMessage(Unstake.self, in: field))
        case 13: self = .claimVesting(try reader.nestedMessage(ClaimVesting.self, in: field))
        case 14: self = .propose(try reader.nestedMessage(Propose.self, in: field))
        case 15: self = .governanceVote(try reader.nestedMessage(GovernanceVote.self, in: field))
        case 20: self = .createDatanet(try reader.nestedMessage(CreateDatanet.self, in: field))
        case 21: self = .contribute(try reader.nestedMessage(Contribute.self, in: field))
        case 22: self = .curationVote(try reader.nestedMessage(CurationVote.self, in: field))
        case 30: self = .registerBaseModel(try reader.nestedMessage(RegisterBaseModel.self, in: field))
        case 31: self = .trainingResult(try reader.nestedMessage(TrainingResult.self, in: field))
        case 32: self = .hostListing(try reader.nestedMessage(HostListing.self, in: field))
        case 40: self = .inferenceReceipt(try reader.nestedMessage(InferenceReceipt.self, in: field))
        case 41: self = .attributionChallenge(try reader.nestedMessage(AttributionChallenge.self, in: field))
        case 42: self = .challengeVote(try reader.nestedMessage(ChallengeVote.self, in: field))
        case 50: self = .equivocationEvidence(try reader.nestedMessage(EquivocationEvidence.self, in: field))
        default: throw .unknownField(field.number)
        }
    }
}
