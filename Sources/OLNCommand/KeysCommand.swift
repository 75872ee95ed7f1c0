import Foundation
import Identity

/// `oln keys generate` and `oln keys show`.
enum KeysCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["keys", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.keys)
            return .success
        }
        switch subcommand {
        case "generate":
            return try generate(&parser, environment: environment, console: console)
        case "show":
            return try show(&parser, environment: environment, console: console)
        case nil:
            throw UsageError("'oln keys' needs a subcommand: generate or show", topic: "keys")
        case let other?:
            throw UsageError("unknown subcommand 'keys \(other)'", topic: "keys")
        }
    }

    private static func generate(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "keys generate"
        let output = try parser.takeOption("--out", topic: topic)
        let force = parser.takeFlag("--force")
        let json = parser.takeFlag("--json")
        try parser.finish(topic: topic)
        let path: String
        if let output {
            path = output
        } else {
            let directory = DataDirectory(environment: environment)
            try directory.create()
            path = directory.keyFilePath
        }
        let key = IdentityKey()
        try KeyFile.write(key, to: path, overwrite: force)
        report(key, path: path, json: json, console: console)
        return .success
    }

    private static func show(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "keys show"
        let json = parser.takeFlag("--json")
        let path = parser.nextPositional() ?? DataDirectory(environment: environment).keyFilePath
        try parser.finish(topic: topic)
        let key = try KeyFile.read(from: path)
        report(key, path: path, json: json, console: console)
        return .success
    }

    private static func report(_ key: IdentityKey, path: String, json: Bool, console: Console) {
        if json {
            let fields = [("address", key.accountAddress.description), ("file", path), ("peer_id", key.peerID.description)]
            let body = fields.map { "\"\($0.0)\":\(jsonString($0.1))" }.joined(separator: ",")
            console.print("{\(body)}")
        } else {
            console.print("peer id:  \(key.peerID)")
            console.print("address:  \(key.accountAddress)")
            console.print("key file: \(path)")
        }
    }

    private static func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "\"\""
    }
}
