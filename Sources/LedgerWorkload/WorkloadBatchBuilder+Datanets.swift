import Identity
import Ledger

/// Datanets, contributions, curation votes, base models, training results and listings.
extension WorkloadBatchBuilder {
    static let licences = ["CC-BY-4.0", "CC0-1.0", "MIT", "Apache-2.0", "ODC-By-1.0"]
    static let topics = ["medicine", "law", "code", "finance", "chemistry", "poetry", "weather", "robotics"]
    /// Curator stake a workload datanet asks of its voters, in tokens.
    static let datanetCuratorStakeTokens: UInt64 = 100
    /// Vote weight a workload datanet needs to settle by vote: two genesis curators.
    static let datanetQuorumTokens: UInt64 = 1_000
    static let datanetWindowSeconds: ClosedRange<UInt64> = 60...180

    mutating func addDatanet() throws -> Bool {
        let topic = element(of: Self.topics) ?? "general"
        let rules = DatanetRules(
            curatorStakeMin: Token.tokens(Self.datanetCuratorStakeTokens), quorum: Token.tokens(Self.datanetQuorumTokens),
            voteWindowSeconds: UInt64.random(in: Self.datanetWindowSeconds, using: &random),
            contributionBond: Token.tokens(UInt64.random(in: 1...5, using: &random)), payloadByteCountMax: 1 << 20)
        let creation = CreateDatanet(name: "\(topic)-\(UInt16.random(in: 0...UInt16.max, using: &random))",
                                     summary: "Curated \(topic) examples for fine-tuning.",
                                     tags: [topic, "text"].prefix(Int.random(in: 0...2, using: &random)).map { $0 },
                                     rules: rules)
        return try sign(.createDatanet(creation), from: anyAccount())
    }

    mutating func addContribution() throws -> Bool {
        guard let datanet = randomIndex(below: catalogue.datanets.count), let record = try datanetRecord(datanet) else {
            return false
        }
        let contribution = Contribute(
            datanetID: catalogue.datanets[datanet].id, contentHash: hash(),
            byteCount: UInt64.random(in: 1...record.rules.payloadByteCountMax, using: &random),
            metadata: "{\"language\":\"en\",\"rows\":\(Int.random(in: 1...10_000, using: &random))}",
            licence: element(of: Self.licences) ?? "MIT", bond: record.rules.contributionBond)
        return try sign(.contribute(contribution), from: anyAccount(), debit: contribution.bond)
    }

    /// A curator with enough stake votes on an open contribution it did not make and has
    /// not voted on; most votes accept.
    mutating func addCurationVote() throws -> Bool {
        guard let open = element(of: openContributions), let voter = element(of: accounts.curators) else { return false }
        let contribution = catalogue.pending[open]
        let address = accounts.addresses[voter]
        guard contribution.contributor != address,
              let record = try ledger.contribution(contribution.id),
              record.votes.count < ContributionRecord.votesMax,
              !record.votes.contains(where: { $0.voter == address }),
              let datanet = try datanetRecord(contribution.datanet),
              try stake(voter, .curator) >= datanet.rules.curatorStakeMin,
              markDone(contribution.id, address.bytes) else { return false }
        let vote = CurationVote(contributionID: contribution.id, accept: random.chance(partsPerMillion: 800_000))
        return try sign(.curationVote(vote), from: voter)
    }

    /// Registers a base model whose hash is the id the transaction creates.
    mutating func addBaseModel() throws -> Bool {
        let sender = anyAccount()
        let model = RegisterBaseModel(modelHash: try nextCreatedID(sender),
                                      name: "base-\(UInt32.random(in: 0...UInt32.max, using: &random))",
                                      format: random.chance(partsPerMillion: 500_000) ? "gguf" : "safetensors")
        return try sign(.registerBaseModel(model), from: sender)
    }

    /// An adapter trained on a datanet version that exists, named by the id the
    /// transaction creates.
    mutating func addTrainingResult() throws -> Bool {
        guard let datanet = randomIndex(below: catalogue.datanets.count), let record = try datanetRecord(datanet),
              record.version >= 1, let model = element(of: catalogue.models) else { return false }
        let sender = anyAccount()
        let result = TrainingResult(
            datanetID: catalogue.datanets[datanet].id, datanetVersion: UInt64.random(in: 1...record.version, using: &random),
            baseModelHash: model,
            hyperparameters: [NamedText(name: "learning_rate", value: "2e-4"), NamedText(name: "lora_rank", value: "16")],
            adapterHash: try nextCreatedID(sender), adapterByteCount: UInt64.random(in: 1 << 20...1 << 28, using: &random),
            metrics: [NamedInteger(name: "eval_loss", value: Int64.random(in: 500_000...3_000_000, using: &random))],
            gradientStoreRoot: random.chance(partsPerMillion: 500_000) ? hash() : [])
        return try sign(.trainingResult(result), from: sender)
    }

    /// A host with enough stake lists up to four known adapters.
    mutating func addHostListing() throws -> Bool {
        guard let host = element(of: accounts.hosts), try stake(host, .host) >= parameters[.hostStakeMin] else { return false }
        var adapters: [[UInt8]] = []
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            guard let datanet = element(of: catalogue.datanets), let adapter = element(of: datanet.adapters),
                  !adapters.contains(adapter) else { continue }
            adapters.append(adapter)
        }
        let listing = HostListing(adapterHashes: adapters,
                                  pricePerThousandTokens: Amount.random(in: 1...Token.tokens(1) / 100, using: &random),
                                  endpoint: "/ip4/10.0.\(host / 256 % 256).\(host % 256)/tcp/4001")
        return try sign(.hostListing(listing), from: host)
    }
}
