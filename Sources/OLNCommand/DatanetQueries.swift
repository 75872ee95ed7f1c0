import Ledger
import Wire

/// `oln datanet list` and `oln datanet show ID`, from the node's ledger.
enum DatanetQueries {
    static func list(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "datanet list"
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let datanets = try reading.ledger().datanets()
        if reading.json {
            console.print(CommandReport.jsonText(datanets.map { summary($0.id, $0.record) }))
            return .success
        }
        guard !datanets.isEmpty else {
            console.print("no datanets yet; create one with 'oln datanet create --name NAME'")
            return .success
        }
        CommandReport.table(["ID", "VERSION", "NAME"], datanets.map { id, record in
            [Base16.encode(id), "\(record.version)", record.name]
        }, console: console)
        return .success
    }

    static func show(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "datanet show"
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        let id = try HexArgument.required(&parser, option: "--datanet", positional: true, topic: topic)
        try parser.finish(topic: topic)
        let ledger = try reading.ledger()
        guard let record = try ledger.datanet(id) else { throw CommandFailure("no datanet \(Base16.encode(id))") }
        var contributions: [[String: Any]] = []
        for status in ContributionRecord.Status.allCases {
            for contributionID in try ledger.contributionIDs(datanet: id, status: status) {
                guard let contribution = try ledger.contribution(contributionID) else { continue }
                contributions.append(["id": Base16.encode(contributionID), "status": status.name,
                                      "contributor": contribution.contributor.description,
                                      "content_hash": Base16.encode(contribution.contentHash),
                                      "bytes": contribution.byteCount, "version": contribution.version,
                                      "metadata": contribution.metadata])
            }
        }
        var fields = summary(id, record)
        fields["contributions"] = contributions
        if reading.json {
            console.print(CommandReport.jsonText(fields))
            return .success
        }
        CommandReport.print([("datanet", Base16.encode(id)), ("name", record.name), ("summary", record.summary),
                             ("tags", record.tags.joined(separator: ", ")), ("owner", record.owner.description),
                             ("version", record.version), ("version root", Base16.encode(record.versionRoot)),
                             ("vote window", "\(record.rules.voteWindowSeconds) s"),
                             ("bond", TokenAmountText.format(record.rules.contributionBond) + " tokens")],
                            json: false, console: console)
        console.print("")
        CommandReport.table(["CONTRIBUTION", "STATUS", "VERSION", "BYTES", "CONTRIBUTOR"], contributions.map {
            ["\($0["id"]!)", "\($0["status"]!)", "\($0["version"]!)", "\($0["bytes"]!)", "\($0["contributor"]!)"]
        }, console: console)
        return .success
    }

    private static func summary(_ id: [UInt8], _ record: DatanetRecord) -> [String: Any] {
        ["id": Base16.encode(id), "name": record.name, "summary": record.summary, "tags": record.tags,
         "owner": record.owner.description, "version": record.version,
         "version_root": Base16.encode(record.versionRoot),
         "rules": ["curator_stake_min": TokenAmountText.format(record.rules.curatorStakeMin),
                   "quorum": TokenAmountText.format(record.rules.quorum),
                   "vote_window_seconds": record.rules.voteWindowSeconds,
                   "contribution_bond": TokenAmountText.format(record.rules.contributionBond),
                   "payload_bytes_max": record.rules.payloadByteCountMax]]
    }
}
