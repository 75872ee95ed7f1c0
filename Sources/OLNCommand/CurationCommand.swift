import Ledger

/// `oln vote --contribution ID (--accept | --reject)`: a curator's stake-weighted vote.
enum CurationCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "vote"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.vote)
            return .success
        }
        let contribution = try HexArgument.required(&parser, option: "--contribution", topic: topic)
        let accept = parser.takeFlag("--accept"), reject = parser.takeFlag("--reject")
        guard accept != reject else { throw UsageError("give exactly one of --accept and --reject", topic: topic) }
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        return try submission.submit(.curationVote(CurationVote(contributionID: contribution, accept: accept)),
                                     fields: ["vote": accept ? "accept" : "reject"], console: console)
    }
}
