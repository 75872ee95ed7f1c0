import Identity
import TestSupport
import Wire
@testable import Ledger

/// Random well-formed transactions of every kind, for round-trip properties.
extension TransactionSamples {
    /// The bytes of `kind` in a transaction with nonce 0, fee 0 and expiry 1, decoded again.
    static func roundTrip(_ kind: TransactionKind) throws -> Transaction {
        try Transaction.decodeCanonical(Transaction(nonce: 0, fee: 0, expiry: 1, kind: kind).canonicalBytes)
    }

    /// The canonical bytes of `kind` in a transaction with nonce 0, fee 0 and expiry 1.
    static func bytes(of kind: TransactionKind) -> [UInt8] {
        Transaction(nonce: 0, fee: 0, expiry: 1, kind: kind).canonicalBytes
    }

    static func random(using generator: inout SeededGenerator) -> Transaction {
        Transaction(
            nonce: randomInteger(using: &generator),
            fee: randomAmount(using: &generator),
            expiry: UInt64.random(in: 1...UInt64.max, using: &generator),
            kind: randomKind(using: &generator)
        )
    }

    static func randomKind(using generator: inout SeededGenerator) -> TransactionKind {
        let role = StakeRole.allCases.randomElement(using: &generator)!
        switch Int.random(in: 0..<16, using: &generator) {
        case 0: return .transfer(Transfer(to: try! AccountAddress(bytes: generator.bytes(count: 20)), amount: randomAmount(using: &generator)))
        case 1: return .stake(Stake(role: role, amount: randomAmount(using: &generator)))
        case 2: return .unstake(Unstake(role: role, amount: randomAmount(using: &generator)))
        case 3: return .claimVesting(ClaimVesting(allocation: UInt32(truncatingIfNeeded: randomInteger(using: &generator))))
        case 4: return .propose(Propose(parameter: randomText(using: &generator, byteCountMax: 64), value: randomAmount(using: &generator)))
        case 5: return .governanceVote(GovernanceVote(proposalID: generator.bytes(count: 32), approve: Bool.random(using: &generator)))
        case 6: return .createDatanet(randomCreateDatanet(using: &generator))
        case 7: return .contribute(randomContribute(using: &generator))
        case 8: return .curationVote(CurationVote(contributionID: generator.bytes(count: 32), accept: Bool.random(using: &generator)))
        case 9: return .registerBaseModel(RegisterBaseModel(modelHash: generator.bytes(count: 32), name: "m" + randomText(using: &generator, byteCountMax: 100), format: Bool.random(using: &generator) ? "gguf" : "safetensors"))
        case 10: return .trainingResult(randomTrainingResult(using: &generator))
        case 11: return .hostListing(HostListing(adapterHashes: (0..<Int.random(in: 0...4, using: &generator)).map { _ in generator.bytes(count: 32) }, pricePerThousandTokens: randomAmount(using: &generator), endpoint: randomText(using: &generator, byteCountMax: 200)))
        case 12: return .inferenceReceipt(randomInferenceReceipt(using: &generator))
        case 13: return .attributionChallenge(AttributionChallenge(receiptID: generator.bytes(count: 32), correction: randomAttribution(using: &generator), bond: randomAmount(using: &generator)))
        case 14: return .challengeVote(ChallengeVote(challengeID: generator.bytes(count: 32), uphold: Bool.random(using: &generator)))
        default: return .equivocationEvidence(EquivocationEvidence(first: generator.bytes(count: Int.random(in: 1...200, using: &generator)), second: generator.bytes(count: Int.random(in: 1...200, using: &generator))))
        }
    }

    static func randomAmount(using generator: inout SeededGenerator) -> UInt128 {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return 0
        case 1: return UInt128(UInt8.random(in: 1...255, using: &generator))
        case 2: return UInt128.max
        default:
            let high = UInt128(generator.next()), low = UInt128(generator.next())
            return (high << 64 | low) >> Int.random(in: 0..<128, using: &generator)
        }
    }

    static func randomInteger(using generator: inout SeededGenerator) -> UInt64 {
        Bool.random(using: &generator) ? 0 : generator.next() >> UInt64(Int.random(in: 0..<64, using: &generator))
    }

    static func randomText(using generator: inout SeededGenerator, byteCountMax: Int) -> String {
        let text = generator.text(from: "abz_-é漢🙂 \n", maximumCount: byteCountMax / 4)
        precondition(text.utf8.count <= byteCountMax)
        return text
    }

    static func randomOptionalHash(using generator: inout SeededGenerator) -> [UInt8] {
        Bool.random(using: &generator) ? [] : generator.bytes(count: 32)
    }

    static func randomAttribution(using generator: inout SeededGenerator) -> [AttributionEntry] {
        (0..<Int.random(in: 0...5, using: &generator)).map { _ in
            AttributionEntry(contributionID: generator.bytes(count: 32), weightPPM: UInt32(truncatingIfNeeded: randomInteger(using: &generator)))
        }
    }

    static func randomCreateDatanet(using generator: inout SeededGenerator) -> CreateDatanet {
        let rules = DatanetRules(
            curatorStakeMin: randomAmount(using: &generator), quorum: randomAmount(using: &generator),
            voteWindowSeconds: randomInteger(using: &generator), contributionBond: randomAmount(using: &generator),
            payloadByteCountMax: randomInteger(using: &generator)
        )
        let tags = (0..<Int.random(in: 0...16, using: &generator)).map { _ in "t" + randomText(using: &generator, byteCountMax: 28) }
        return CreateDatanet(name: "n" + randomText(using: &generator, byteCountMax: 60), summary: randomText(using: &generator, byteCountMax: 1024), tags: tags, rules: rules)
    }

    static func randomContribute(using generator: inout SeededGenerator) -> Contribute {
        Contribute(
            datanetID: generator.bytes(count: 32), contentHash: generator.bytes(count: 32), byteCount: randomInteger(using: &generator),
            metadata: randomText(using: &generator, byteCountMax: 4096), licence: randomText(using: &generator, byteCountMax: 128),
            bond: randomAmount(using: &generator)
        )
    }

    static func randomTrainingResult(using generator: inout SeededGenerator) -> TrainingResult {
        let hyperparameters = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            NamedText(name: randomText(using: &generator, byteCountMax: 64), value: randomText(using: &generator, byteCountMax: 256))
        }
        let metrics = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            NamedInteger(name: randomText(using: &generator, byteCountMax: 64), value: Int64(bitPattern: randomInteger(using: &generator)))
        }
        return TrainingResult(
            datanetID: generator.bytes(count: 32), datanetVersion: randomInteger(using: &generator), baseModelHash: generator.bytes(count: 32),
            hyperparameters: hyperparameters, adapterHash: generator.bytes(count: 32), adapterByteCount: randomInteger(using: &generator),
            metrics: metrics, gradientStoreRoot: randomOptionalHash(using: &generator),
            additionalDatanets: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                DatanetVersion(datanetID: generator.bytes(count: 32), version: randomInteger(using: &generator))
            }
        )
    }

    static func randomInferenceReceipt(using generator: inout SeededGenerator) -> InferenceReceipt {
        InferenceReceipt(
            clientAuthorization: generator.bytes(count: Int.random(in: 1...640, using: &generator)),
            datanetID: generator.bytes(count: 32), adapterHash: randomOptionalHash(using: &generator),
            promptHash: generator.bytes(count: 32), outputHash: generator.bytes(count: 32),
            tokensIn: randomInteger(using: &generator), tokensOut: randomInteger(using: &generator), fee: randomAmount(using: &generator),
            method: Bool.random(using: &generator) ? "span/1" : "influence/1",
            attribution: randomAttribution(using: &generator), attributionRoot: randomOptionalHash(using: &generator)
        )
    }
}
