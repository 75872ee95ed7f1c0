import Identity
import Ledger

/// `oln tx transfer --to ADDRESS --amount TOKENS …`: signs a transfer with the node's key
/// and submits it (`TransactionSubmission`).
enum TransactionCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["tx", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.transaction)
            return .success
        }
        switch subcommand {
        case "transfer": return try transfer(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln tx' needs a subcommand: transfer", topic: "tx")
        case let other?: throw UsageError("unknown subcommand 'tx \(other)'", topic: "tx")
        }
    }

    /// `oln transfer` and `oln tx transfer`.
    static func transfer(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "tx transfer"
        guard let toText = try parser.takeOption("--to", topic: topic) else { throw UsageError("--to ADDRESS is required", topic: topic) }
        guard let amountText = try parser.takeOption("--amount", topic: topic) else {
            throw UsageError("--amount TOKENS is required", topic: topic)
        }
        let recipient: AccountAddress
        do {
            recipient = try AccountAddress(toText)
        } catch {
            throw UsageError("--to: \(error)", topic: topic)
        }
        let amount = try TransactionSubmission.tokens(amountText, option: "--amount", topic: topic)
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        return try submission.submit(.transfer(Transfer(to: recipient, amount: amount)),
                                     fields: ["to": recipient.description, "amount": TokenAmountText.format(amount)],
                                     console: console)
    }
}
