import Foundation
import Hosting
import Node

/// The HTTP API of `oln run`: made before the node starts (so that the host can add its
/// routes), started once the node runs; its address goes into the node's status and log.
final class APILauncher: @unchecked Sendable {
    let api: NodeAPI
    private let runtime: NodeRuntime
    private let lock = NSLock()
    private var address: String?

    private init(api: NodeAPI, runtime: NodeRuntime) {
        self.api = api
        self.runtime = runtime
    }

    /// The node's API, or nil when the configuration turns it off.
    static func prepare(_ runtime: NodeRuntime, configuration: NodeConfiguration) throws -> APILauncher? {
        guard let endpoint = try configuration.apiEndpoint() else {
            runtime.log.info("api_off")
            return nil
        }
        let launcher = APILauncher(api: try NodeAPI(runtime: runtime, endpoint: endpoint,
                                                    adminToken: try runtime.directory.apiToken()),
                                   runtime: runtime)
        runtime.apiAddress = { [weak launcher] in launcher?.listening }
        return launcher
    }

    /// Starts listening; throws when the address cannot be bound.
    func start() throws {
        let bound = try api.start()
        let host = bound.host.contains(":") ? "[\(bound.host)]" : bound.host
        let text = "http://\(host):\(bound.port)"
        lock.lock()
        address = text
        lock.unlock()
        runtime.log.info("api_listening", ["address": text, "token_file": runtime.directory.apiTokenPath])
    }

    func stop() {
        api.stop()
    }

    private var listening: String? {
        lock.lock()
        defer { lock.unlock() }
        return address
    }
}
