import Curation
import Foundation
import Node

/// `oln run [--dir DIR] [overrides]`: runs the node of a data directory until SIGINT or
/// SIGTERM, logging one line per event to standard error. Flags, then environment variables
/// (`ConfigurationOverrides`), take precedence over config.json for this run.
enum RunCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "run"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.run)
            return .success
        }
        let path = try parser.takeOption("--dir", topic: topic) ?? DataDirectory(environment: environment).path
        let overrides = try ConfigurationOverrides(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let directory = NodeDirectory(path: path)
        let configuration = try overrides.applied(to: NodeConfiguration.read(from: directory.configurationPath), topic: topic)
        guard let level = NodeLog.Level(name: configuration.logLevel) else {
            throw UsageError("--log-level must be one of \(NodeConfiguration.logLevels.joined(separator: ", "))", topic: topic)
        }
        var options = NodeRuntime.Options(log: NodeLog(level: level, sink: { console.error($0) }))
        options.configuration = configuration
        let runtime = try NodeRuntime(directory: directory, options: options)
        let signalled = SignalFlag()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signalled.set()
                runtime.stop()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let api = try APILauncher.prepare(runtime, configuration: configuration)
        let host = try configuration.roles.contains(.host)
            ? HostLauncher.prepare(runtime, configuration: configuration, api: api?.api, log: runtime.log) : nil
        let audit = try AuditLauncher.prepare(runtime, configuration: configuration, log: runtime.log)
        try runtime.start()
        let curator: CuratorService?
        do {
            try api?.start()
            host?.start()
            audit?.start()
            curator = configuration.autoCurate ? try CuratorService(runtime: runtime) : nil
            curator?.start()
        } catch {
            runtime.stop()
            runtime.waitUntilStopped()
            api?.stop()
            throw error
        }
        runtime.waitUntilStopped()
        curator?.stop()
        audit?.stop()
        host?.stop()
        api?.stop()
        return signalled.isSet ? .success : .failure
    }
}
