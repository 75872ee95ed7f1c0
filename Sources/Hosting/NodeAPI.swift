import Dispatch
import HTTP
import IO
import InferenceAPI
import Ledger
import Node
import Wire

/// The HTTP API of every node, on an event loop of its own: the ledger and network REST
/// routes (`LedgerRoutes`), `GET /v1/oln/node`, and `GET /metrics` with the node's families
/// (`NodeMetrics`). A host adds its inference routes to `server` before `start`.
///
///     let api = try NodeAPI(runtime: runtime, endpoint: endpoint, adminToken: try runtime.directory.apiToken())
///     // … HostService(runtime:, api: api, …) adds its routes here …
///     let address = try api.start()
public final class NodeAPI: @unchecked Sendable {
    /// The server the routes are on.
    public let server: APIServer
    /// The loop the server runs on (a host schedules its refreshes on it too).
    public let loop: EventLoop
    private let endpoint: APIEndpoint

    /// The API of `runtime`'s node at `endpoint`, with write and admin routes behind
    /// `adminToken`. Nothing listens until `start`. Throws when the ledger cannot be opened
    /// or the loop cannot be made.
    public init(runtime: NodeRuntime, endpoint: APIEndpoint, adminToken: String) throws {
        self.endpoint = endpoint
        loop = try EventLoop()
        server = APIServer(configuration: APIServerConfiguration(host: endpoint.host, port: endpoint.port,
                                                                 adminToken: adminToken))
        try LedgerRoutes.install(on: server, runtime: runtime)
        try NodeMetrics.register(in: server.metrics, runtime: runtime)
        let identity: APIValue = [
            "address": .string(runtime.identity.accountAddress.description),
            "peer_id": .string(runtime.identity.peerID.description),
            "chain_id": .integer(Int(runtime.setup.chainID)),
            "roles": .array(runtime.configuration.roles.sorted().map { .string($0.rawValue) }),
        ]
        server.addRoute(.get, "/v1/oln/node") { _, responder in responder.respond(json: identity) }
    }

    /// Starts listening; returns the address (with the port the system picked for port 0).
    /// Throws when the address cannot be bound.
    public func start() throws -> SocketAddress {
        _ = loop.start()
        nonisolated(unsafe) var failure: IOError?
        let started = DispatchSemaphore(value: 0)
        let accepted = loop.execute { [self] in
            do throws(IOError) {
                try server.start(on: loop)
            } catch {
                failure = error
            }
            started.signal()
        }
        guard accepted else { throw HostingError("the API's event loop did not start") }
        started.wait()
        if let failure { throw HostingError("the API cannot listen on \(endpoint): \(failure)") }
        guard let address = server.localAddress else { throw HostingError("the API did not start") }
        return address
    }

    /// Stops listening, closes every connection and stops the loop.
    public func stop() {
        _ = loop.execute { [server] in server.stop() }
        loop.stop()
    }
}
