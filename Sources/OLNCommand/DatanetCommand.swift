import Foundation
import Ledger
import Node
import Wire

/// `oln datanet create | contribute | list | show`: Datanets from the command line.
enum DatanetCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["datanet", subcommand].compactMap { $0 }.joined(separator: " "))
                          ?? HelpText.datanet)
            return .success
        }
        switch subcommand {
        case "create": return try create(&parser, environment: environment, console: console)
        case "contribute": return try contribute(&parser, environment: environment, console: console)
        case "list": return try DatanetQueries.list(&parser, environment: environment, console: console)
        case "show": return try DatanetQueries.show(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln datanet' needs a subcommand: create, contribute, list or show", topic: "datanet")
        case let other?: throw UsageError("unknown subcommand 'datanet \(other)'", topic: "datanet")
        }
    }

    private static func create(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "datanet create"
        guard let name = try parser.takeOption("--name", topic: topic) else { throw UsageError("--name is required", topic: topic) }
        let summary = try parser.takeOption("--summary", topic: topic) ?? ""
        var tags: [String] = []
        while let tag = try parser.takeOption("--tag", topic: topic) { tags.append(tag) }
        let curatorStake = try optionalAmount(&parser, "--curator-stake", topic: topic)
        let quorum = try optionalAmount(&parser, "--quorum", topic: topic)
        let window = try integer(&parser, "--vote-window", topic: topic)
        let bond = try optionalAmount(&parser, "--bond", topic: topic) ?? Self.defaultBond
        let payloadLimit = try integer(&parser, "--max-payload", topic: topic) ?? 1 << 20
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let parameters = try submission.ledger().database.parameters()
        let rules = DatanetRules(
            curatorStakeMin: curatorStake ?? parameters[.curatorStakeMin],
            quorum: quorum ?? parameters[.curatorStakeMin],
            voteWindowSeconds: window ?? parameters.integer(.voteWindowMin),
            contributionBond: bond, payloadByteCountMax: payloadLimit)
        let transaction = CreateDatanet(name: name, summary: summary, tags: tags, rules: rules)
        return try submission.submit(.createDatanet(transaction), fields: ["name": name], creates: "datanet",
                                     console: console)
    }

    private static func contribute(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "datanet contribute"
        let datanet = try HexArgument.required(&parser, option: "--datanet", topic: topic)
        guard let file = try parser.takeOption("--file", topic: topic) else { throw UsageError("--file is required", topic: topic) }
        let metadata = try parser.takeOption("--metadata", topic: topic) ?? (file as NSString).lastPathComponent
        let licence = try parser.takeOption("--licence", topic: topic) ?? "CC-BY-4.0"
        let bondText = try parser.takeOption("--bond", topic: topic)
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let record = try submission.ledger().database.datanet(datanet)
        let limit = Int(clamping: record?.rules.payloadByteCountMax ?? UInt64(BlobStore.byteCountMax))
        let payload = try readPayload(file, limit: limit)
        let hash = try BlobStore(root: submission.directory.blobsPath).put(payload)
        let bond = try bondText.map { try TransactionSubmission.tokens($0, option: "--bond", topic: topic) }
            ?? max(record?.rules.contributionBond ?? 0, Self.defaultBond)
        let transaction = Contribute(datanetID: datanet, contentHash: hash, byteCount: UInt64(payload.count),
                                     metadata: metadata, licence: licence, bond: bond)
        return try submission.submit(.contribute(transaction),
                                     fields: ["content hash": Base16.encode(hash), "bytes": payload.count],
                                     creates: "contribution", console: console)
    }

    /// The bond of a datanet created without --bond, and the least a contribution carries: one token.
    static let defaultBond: Amount = Token.baseUnitsPerToken

    private static func readPayload(_ path: String, limit: Int) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else { throw CommandFailure("cannot read \(path)") }
        guard size <= limit else {
            throw CommandFailure("\(path) has \(size) bytes; the datanet takes payloads of at most \(limit) bytes")
        }
        guard size > 0, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path) is empty or unreadable")
        }
        return [UInt8](data)
    }

    private static func optionalAmount(_ parser: inout ArgumentParser, _ option: String, topic: String) throws -> Amount? {
        try parser.takeOption(option, topic: topic).map { try TransactionSubmission.tokens($0, option: option, topic: topic) }
    }

    private static func integer(_ parser: inout ArgumentParser, _ option: String, topic: String) throws -> UInt64? {
        guard let text = try parser.takeOption(option, topic: topic) else { return nil }
        guard let number = UInt64(text), number > 0 else {
            throw UsageError("\(option) must be a positive integer, not '\(text)'", topic: topic)
        }
        return number
    }
}
