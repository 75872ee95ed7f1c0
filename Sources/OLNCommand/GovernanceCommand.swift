import Ledger
import Wire

/// `oln gov propose | vote | list`: governed parameters.
enum GovernanceCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["gov", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.governance)
            return .success
        }
        switch subcommand {
        case "propose": return try propose(&parser, environment: environment, console: console)
        case "vote": return try vote(&parser, environment: environment, console: console)
        case "list": return try list(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln gov' needs a subcommand: propose, vote or list", topic: "gov")
        case let other?: throw UsageError("unknown subcommand 'gov \(other)'", topic: "gov")
        }
    }

    private static func propose(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "gov propose"
        guard let parameter = try parser.takeOption("--parameter", topic: topic) else {
            throw UsageError("--parameter NAME is required (see 'oln gov list --parameters')", topic: topic)
        }
        guard let valueText = try parser.takeOption("--value", topic: topic), let value = UInt128(valueText) else {
            throw UsageError("--value must be a non-negative integer in the parameter's unit", topic: topic)
        }
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        return try submission.submit(.propose(Propose(parameter: parameter, value: value)),
                                     fields: ["parameter": parameter, "value": "\(value)"], creates: "proposal",
                                     console: console)
    }

    private static func vote(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "gov vote"
        let proposal = try HexArgument.required(&parser, option: "--proposal", topic: topic)
        let approve = parser.takeFlag("--approve"), reject = parser.takeFlag("--reject")
        guard approve != reject else { throw UsageError("give exactly one of --approve and --reject", topic: topic) }
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        return try submission.submit(.governanceVote(GovernanceVote(proposalID: proposal, approve: approve)),
                                     fields: ["vote": approve ? "approve" : "reject"], console: console)
    }

    private static func list(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "gov list"
        let parametersOnly = parser.takeFlag("--parameters")
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let ledger = try reading.ledger()
        if parametersOnly {
            let parameters = try ledger.parameters()
            let values = GovernedParameter.all.map { (name: $0.name, value: parameters[$0]) }
            if reading.json {
                console.print(CommandReport.jsonText(Dictionary(uniqueKeysWithValues: values.map { ($0.name, "\($0.value)") })))
            } else {
                CommandReport.table(["PARAMETER", "VALUE"], values.map { [$0.name, "\($0.value)"] }, console: console)
            }
            return .success
        }
        let proposals = try ledger.proposals().map { id, record -> [String: Any] in
            ["id": Base16.encode(id), "parameter": record.parameter, "value": "\(record.value)",
             "status": "\(record.status)", "voting_end": record.votingEnd,
             "approve_weight": TokenAmountText.format(record.approveWeight),
             "reject_weight": TokenAmountText.format(record.rejectWeight)]
        }
        if reading.json {
            console.print(CommandReport.jsonText(proposals))
        } else if proposals.isEmpty {
            console.print("no proposals yet; make one with 'oln gov propose --parameter NAME --value N'")
        } else {
            CommandReport.table(["PROPOSAL", "PARAMETER", "VALUE", "STATUS", "APPROVE", "REJECT"], proposals.map {
                ["\($0["id"]!)", "\($0["parameter"]!)", "\($0["value"]!)", "\($0["status"]!)",
                 "\($0["approve_weight"]!)", "\($0["reject_weight"]!)"]
            }, console: console)
        }
        return .success
    }
}
