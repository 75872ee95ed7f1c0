import Audit
import Foundation
import Node
import Tensor
import Wire

/// Attribution audits in `oln run`: loads the base model of `configuration.audit` (and its
/// tokenizer) before the node starts, so that a bad model stops it early, and runs an
/// `AuditorService` beside the node once it runs. Without an `audit` section there is none.
final class AuditLauncher: @unchecked Sendable {
    private let service: AuditorService

    private init(service: AuditorService) {
        self.service = service
    }

    /// The launcher for `configuration.audit`, or nil when the configuration has none.
    static func prepare(_ runtime: NodeRuntime, configuration: NodeConfiguration, log: NodeLog) throws -> AuditLauncher? {
        guard let settings = configuration.audit else { return nil }
        let threads = settings.threads ?? CPUBackend.coreCount
        let loaded = try LoadedModel(path: settings.model, tokenizerPath: nil, threadCount: threads)
        let baseHash = try TrainingResultBuilder.baseModelHash(settings.model)
        let service = try AuditorService(runtime: runtime, tokenizer: loaded.tokenizer, model: loaded.model,
                                         baseModelHash: baseHash)
        log.info("audit_model", ["model": settings.model, "hash": Base16.encode(baseHash), "threads": threads])
        return AuditLauncher(service: service)
    }

    /// Starts the audit rounds (after the node has started).
    func start() {
        service.start()
    }

    /// Stops the rounds and waits for one in progress.
    func stop() {
        service.stop()
    }
}
