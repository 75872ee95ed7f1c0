import Foundation
import Hosting
import Node
import Tensor
import Wire

/// The host role of `oln run`: loads the configured base model, makes the API token, and
/// starts the `HostService` once the node runs; its API address, adapters and receipts go
/// into the node's status.
final class HostLauncher: @unchecked Sendable {
    private let service: HostService
    private let runtime: NodeRuntime
    private let lock = NSLock()
    private var api = ""

    private init(service: HostService, runtime: NodeRuntime) {
        self.service = service
        self.runtime = runtime
    }

    /// Loads the model (before the node starts, so that a bad model stops it early).
    static func prepare(_ runtime: NodeRuntime, configuration: NodeConfiguration, log: NodeLog) throws -> HostLauncher {
        guard let settings = configuration.host else {
            throw CommandFailure("the host role needs a host section in config.json; run oln init --role host --model FILE")
        }
        let threads = settings.threads ?? CPUBackend.coreCount
        let loaded = try LoadedModel(path: settings.model, tokenizerPath: nil, threadCount: threads)
        CPUBackend.setBLASThreadCount(threads)
        let baseHash = try TrainingResultBuilder.baseModelHash(settings.model)
        let service = try HostService(runtime: runtime, settings: settings, model: loaded.model, tokenizer: loaded.tokenizer,
                                      baseHash: baseHash, apiToken: try runtime.directory.apiToken(), log: log)
        let launcher = HostLauncher(service: service, runtime: runtime)
        runtime.hostReport = { [weak launcher] in launcher?.report ?? HostReport(api: "", adapters: [], receipts: 0) }
        log.info("host_model", ["model": settings.model, "hash": Base16.encode(baseHash), "threads": threads])
        return launcher
    }

    func start() throws {
        let address = try service.start()
        lock.lock()
        api = "http://\(address.host):\(address.port)"
        lock.unlock()
        runtime.log.info("api_listening", ["address": api, "token_file": runtime.directory.apiTokenPath])
    }

    func stop() {
        service.stop()
    }

    var report: HostReport {
        lock.lock()
        defer { lock.unlock() }
        return HostReport(api: api, adapters: service.adapterNames, receipts: service.receiptCount)
    }
}
