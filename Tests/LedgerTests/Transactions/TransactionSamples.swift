import Identity
import TestSupport
import Wire
@testable import Ledger

/// Sample transactions, one or more per kind, with their canonical encodings as printed by
/// Scripts/fixtures/make_ledger_vectors.py (Python's `protobuf` package on
/// docs/transactions.proto; pasted here, not produced by the Swift code). The values below
/// mirror the script's functions of the same names.
enum TransactionSamples {
    static func hash(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }
    static let address = try! AccountAddress(bytes: [UInt8](repeating: 0x11, count: 20))
    static let weiPerToken: UInt128 = 1_000_000_000_000_000_000

    /// (name, value, hex from the Python script).
    static let all: [(String, Transaction, String)] = [
        ("transfer", transfer, "0801120203e81880e2cfaa0652200a14111111111111111111111111111111111111111112080de0b6b3a7640000"),
        ("stake", Transaction(nonce: 0, fee: 0, expiry: 1, kind: .stake(Stake(role: .validator, amount: .max))),
         "18015a1408021210ffffffffffffffffffffffffffffffff"),
        ("unstake", Transaction(nonce: 300, fee: 1, expiry: .max, kind: .unstake(Unstake(role: .host, amount: 256))),
         "08ac0212010118ffffffffffffffffff016206080412020100"),
        ("claim_vesting_empty", Transaction(nonce: 7, fee: 0, expiry: 5, kind: .claimVesting(ClaimVesting(allocation: 0))),
         "080718056a00"),
        ("claim_vesting", Transaction(nonce: 0, fee: 0, expiry: 5, kind: .claimVesting(ClaimVesting(allocation: 4_000_000_000))),
         "18056a060880d0acf30e"),
        ("propose", Transaction(nonce: 2, fee: 0, expiry: 9, kind: .propose(Propose(parameter: "gas_price_min", value: 300))),
         "0802180972130a0d6761735f70726963655f6d696e1202012c"),
        ("governance_vote", Transaction(nonce: 0, fee: 0, expiry: 9, kind: .governanceVote(GovernanceVote(proposalID: hash(1), approve: true))),
         "18097a240a2001010101010101010101010101010101010101010101010101010101010101011001"),
        ("create_datanet", createDatanet,
         "0803120213881880a4a7da06a2014f0a0a4d65646963616c205141121b5175657374696f6ee28093616e7377657220706169727320e29c931a086d65646963696e651a02716122160a09056bc75e2d631000001201031880a30528808040"),
        ("create_datanet_default_rules", createDatanetDefaultRules, "180aa201050a01782200"),
        ("contribute", contribute,
         "180baa016b0a20020202020202020202020202020202020202020202020202020202020202020212200303030303030303030303030303030303030303030303030303030303030303188020220d7b226c616e67223a22656e227d2a0943432d42592d342e3032080de0b6b3a7640000"),
        ("curation_vote", Transaction(nonce: 0, fee: 0, expiry: 12, kind: .curationVote(CurationVote(contributionID: hash(4), accept: false))),
         "180cb201220a200404040404040404040404040404040404040404040404040404040404040404"),
        ("register_base_model", Transaction(nonce: 0, fee: 0, expiry: 13, kind: .registerBaseModel(RegisterBaseModel(modelHash: hash(5), name: "Qwen2.5-0.5B", format: "gguf"))),
         "180df201360a200505050505050505050505050505050505050505050505050505050505050505120c5177656e322e352d302e35421a0467677566"),
        ("training_result", trainingResult,
         "0804180efa01a2010a20020202020202020202020202020202020202020202020202020202020202020210031a20050505050505050505050505050505050505050505050505050505050505050522120a096f7074696d697a657212056164616d7722002a20060606060606060606060606060606060606060606060606060606060606060630c0c4073a0a0a046c6f737310d0a54c3a120a0564656c746110fbffffffffffffffff01"),
        ("host_listing", hostListing,
         "180f820280010a2006060606060606060606060606060606060606060606060606060606060606060a2007070707070707070707070707070707070707070707070707070707070707070a2008080808080808080808080808080808080808080808080808080808080808081201011a152f6970342f312e322e332e342f7463702f34303031"),
        ("inference_receipt", inferenceReceipt,
         "080512010a1810c202cb020a64000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061626312200202020202020202020202020202020202020202020202020202020202020202222009090909090909090909090909090909090909090909090909090909090909092a200a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a301138ac02420230394a067370616e2f3152260a20040404040404040404040404040404040404040404040404040404040404040410c0843d52220a200c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c5a200b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
        ("attribution_challenge", attributionChallenge,
         "1811ca02750a200d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d12260a2004040404040404040404040404040404040404040404040404040404040404041080b51812260a200c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c10c0cf241a0105"),
        ("challenge_vote", Transaction(nonce: 0, fee: 0, expiry: 18, kind: .challengeVote(ChallengeVote(challengeID: hash(14), uphold: true))),
         "1812d202240a200e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e1001"),
        ("equivocation_evidence", Transaction(nonce: 0, fee: 0, expiry: 19, kind: .equivocationEvidence(EquivocationEvidence(first: [UInt8](repeating: 0xaa, count: 40), second: [UInt8](repeating: 0xbb, count: 41)))),
         "18139203550a28aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1229bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
    ]

    static let transfer = Transaction(nonce: 1, fee: 1000, expiry: 1_700_000_000, kind: .transfer(Transfer(to: address, amount: weiPerToken)))

    static let createDatanet = Transaction(nonce: 3, fee: 5000, expiry: 1_800_000_000, kind: .createDatanet(CreateDatanet(
        name: "Medical QA",
        summary: "Question–answer pairs ✓",
        tags: ["medicine", "qa"],
        rules: DatanetRules(curatorStakeMin: 100 * weiPerToken, quorum: 3, voteWindowSeconds: 86_400, contributionBond: 0, payloadByteCountMax: 1 << 20)
    )))

    static let createDatanetDefaultRules = Transaction(nonce: 0, fee: 0, expiry: 10, kind: .createDatanet(CreateDatanet(
        name: "x", summary: "", tags: [],
        rules: DatanetRules(curatorStakeMin: 0, quorum: 0, voteWindowSeconds: 0, contributionBond: 0, payloadByteCountMax: 0)
    )))

    static let contribute = Transaction(nonce: 0, fee: 0, expiry: 11, kind: .contribute(Contribute(
        datanetID: hash(2), contentHash: hash(3), byteCount: 4096, metadata: #"{"lang":"en"}"#, licence: "CC-BY-4.0", bond: weiPerToken
    )))

    static let trainingResult = Transaction(nonce: 4, fee: 0, expiry: 14, kind: .trainingResult(TrainingResult(
        datanetID: hash(2), datanetVersion: 3, baseModelHash: hash(5),
        hyperparameters: [NamedText(name: "optimizer", value: "adamw"), NamedText(name: "", value: "")],
        adapterHash: hash(6), adapterByteCount: 123_456,
        metrics: [NamedInteger(name: "loss", value: 1_250_000), NamedInteger(name: "delta", value: -5)],
        gradientStoreRoot: []
    )))

    static let hostListing = Transaction(nonce: 0, fee: 0, expiry: 15, kind: .hostListing(HostListing(
        adapterHashes: [hash(6), hash(7), hash(8)], pricePerThousandTokens: 1, endpoint: "/ip4/1.2.3.4/tcp/4001"
    )))

    static let inferenceReceipt = Transaction(nonce: 5, fee: 10, expiry: 16, kind: .inferenceReceipt(InferenceReceipt(
        clientAuthorization: Array(0..<100), datanetID: hash(2), adapterHash: [], promptHash: hash(9), outputHash: hash(10),
        tokensIn: 17, tokensOut: 300, fee: 12_345, method: "span/1",
        attribution: [AttributionEntry(contributionID: hash(4), weightPPM: 1_000_000), AttributionEntry(contributionID: hash(12), weightPPM: 0)],
        attributionRoot: hash(11)
    )))

    static let attributionChallenge = Transaction(nonce: 0, fee: 0, expiry: 17, kind: .attributionChallenge(AttributionChallenge(
        receiptID: hash(13),
        correction: [AttributionEntry(contributionID: hash(4), weightPPM: 400_000), AttributionEntry(contributionID: hash(12), weightPPM: 600_000)],
        bond: 5
    )))
}
