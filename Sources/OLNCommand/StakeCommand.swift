import Ledger

/// `oln stake --role ROLE --amount TOKENS` and `oln unstake …`: bond tokens to a role, or
/// start unbonding them.
enum StakeCommand {
    static func run(_ parser: inout ArgumentParser, unstaking: Bool, environment: [String: String],
                    console: Console) throws -> ExitCode {
        let topic = unstaking ? "unstake" : "stake"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(topic) ?? "")
            return .success
        }
        guard let roleText = try parser.takeOption("--role", topic: topic) else {
            throw UsageError("--role is required: sequencer, validator, curator or host", topic: topic)
        }
        guard let role = StakeRole.allCases.first(where: { $0.name == roleText }) else {
            throw UsageError("--role must be sequencer, validator, curator or host, not '\(roleText)'", topic: topic)
        }
        guard let amountText = try parser.takeOption("--amount", topic: topic) else {
            throw UsageError("--amount TOKENS is required", topic: topic)
        }
        let amount = try TransactionSubmission.tokens(amountText, option: "--amount", topic: topic)
        guard amount > 0 else { throw UsageError("--amount must be more than zero", topic: topic) }
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let kind: TransactionKind = unstaking ? .unstake(Unstake(role: role, amount: amount))
            : .stake(Stake(role: role, amount: amount))
        return try submission.submit(kind, fields: ["role": role.name, "amount": TokenAmountText.format(amount)],
                                     console: console)
    }
}
