import Foundation
import Ledger
import Sodium
import Wire

/// `oln model register --file MODEL` and `oln model list`: base models and adapters on the ledger.
enum ModelRegistryCommand {
    static func register(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "model register"
        let fileOption = try parser.takeOption("--file", topic: topic)
        let name = try parser.takeOption("--name", topic: topic)
        let submission = try TransactionSubmission(&parser, environment: environment, topic: topic)
        guard let file = fileOption ?? parser.nextPositional() else {
            throw UsageError("--file MODEL is required (a .gguf file or a safetensors model.safetensors)", topic: topic)
        }
        try parser.finish(topic: topic)
        let format = file.hasSuffix(".gguf") ? "gguf" : file.hasSuffix(".safetensors") ? "safetensors" : nil
        guard let format else { throw CommandFailure("\(file) is neither a .gguf nor a .safetensors file") }
        let hash = try fileHash(file)
        let modelName = name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return try submission.submit(.registerBaseModel(RegisterBaseModel(modelHash: hash, name: modelName, format: format)),
                                     fields: ["model": Base16.encode(hash), "name": modelName, "format": format],
                                     console: console)
    }

    static func list(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "model list"
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let ledger = try reading.ledger()
        let bases: [[String: Any]] = try ledger.baseModels().map { hash, record in
            ["kind": "base", "hash": Base16.encode(hash), "name": record.name, "format": record.format,
             "registrant": record.registrant.description]
        }
        let adapters: [[String: Any]] = try ledger.adapters().map { hash, record in
            ["kind": "adapter", "hash": Base16.encode(hash), "base": Base16.encode(record.result.baseModelHash),
             "datanet": Base16.encode(record.result.datanetID), "datanet_version": record.result.datanetVersion,
             "bytes": record.result.adapterByteCount, "trainer": record.trainer.description]
        }
        if reading.json {
            console.print(CommandReport.jsonText(bases + adapters))
        } else if bases.isEmpty && adapters.isEmpty {
            console.print("no models registered yet; register one with 'oln model register --file MODEL'")
        } else {
            CommandReport.table(["KIND", "HASH", "NAME / DATANET"], bases.map {
                ["base", "\($0["hash"]!)", "\($0["name"]!) (\($0["format"]!))"]
            } + adapters.map {
                ["adapter", "\($0["hash"]!)", "\($0["datanet"]!) v\($0["datanet_version"]!)"]
            }, console: console)
        }
        return .success
    }

    /// BLAKE2b-256 of a file, read in pieces so that large models need little memory.
    static func fileHash(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        defer { try? handle.close() }
        var hasher = BLAKE2b256Hasher()
        while true {
            let chunk = try handle.read(upToCount: 1 << 22) ?? Data()
            if chunk.isEmpty { break }
            hasher.update([UInt8](chunk))
        }
        return hasher.finalize()
    }
}
