import Foundation
import Hosting
import Node
import Tensor
import Wire

/// The host role of `oln run`: loads the configured base model and adds the `HostService`'s
/// inference routes to the node's API before the node starts, then starts the service once
/// it runs; its adapters and receipts go into the node's status.
final class HostLauncher: @unchecked Sendable {
    private let service: HostService

    private init(service: HostService) {
        self.service = service
    }

    /// Loads the model (before the node starts, so that a bad model stops it early).
    static func prepare(_ runtime: NodeRuntime, configuration: NodeConfiguration, api: NodeAPI?,
                        log: NodeLog) throws -> HostLauncher {
        guard let settings = configuration.host else {
            throw CommandFailure("the host role needs a host section in config.json; run oln init --role host --model FILE")
        }
        guard let api else { throw CommandFailure("the host role serves inference over the API: set api to HOST:PORT") }
        let threads = settings.threads ?? CPUBackend.coreCount
        let loaded = try LoadedModel(path: settings.model, tokenizerPath: nil, threadCount: threads)
        CPUBackend.setBLASThreadCount(threads)
        let baseHash = try TrainingResultBuilder.baseModelHash(settings.model)
        let service = try HostService(runtime: runtime, api: api, settings: settings, model: loaded.model,
                                      tokenizer: loaded.tokenizer, baseHash: baseHash,
                                      apiToken: try runtime.directory.apiToken(), log: log)
        let launcher = HostLauncher(service: service)
        runtime.hostReport = { [weak launcher] in
            launcher.map {
                HostReport(adapters: $0.service.adapterNames, servedRequests: $0.service.servedRequestCount,
                           receipts: $0.service.receiptCount)
            } ?? HostReport(adapters: [], servedRequests: 0, receipts: 0)
        }
        log.info("host_model", ["model": settings.model, "hash": Base16.encode(baseHash), "threads": threads])
        return launcher
    }

    func start() {
        service.start()
    }

    func stop() {
        service.stop()
    }
}
