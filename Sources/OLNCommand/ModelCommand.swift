/// `oln model info | run | register | list`: the OpenLoRA runtime on the command line, and
/// the ledger's registry of base models and adapters.
enum ModelCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String],
                    console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            let topic = ["model", subcommand].compactMap { $0 }.joined(separator: " ")
            console.print(HelpText.topic(topic) ?? HelpText.model)
            return .success
        }
        switch subcommand {
        case "info":
            return try ModelInfoCommand.run(&parser, console: console)
        case "run":
            return try ModelRunCommand.run(&parser, console: console)
        case "register":
            return try ModelRegistryCommand.register(&parser, environment: environment, console: console)
        case "list":
            return try ModelRegistryCommand.list(&parser, environment: environment, console: console)
        case nil:
            throw UsageError("'oln model' needs a subcommand: info, run, register or list", topic: "model")
        case let other?:
            throw UsageError("unknown subcommand 'model \(other)'", topic: "model")
        }
    }
}
