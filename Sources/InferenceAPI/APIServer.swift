import HTTP
import IO
import Synchronization

/// The node's HTTP server: a listener, its connections, a router of routes, the Prometheus
/// page (`GET /metrics`) of its `MetricsRegistry`, and admin routes behind a bearer token.
/// What is served is up to the routes added: the ledger's REST routes on every node, and
/// OpenAI-compatible inference (`InferenceServer`) on a host.
///
///     let server = APIServer(configuration: APIServerConfiguration(port: 8080, adminToken: token))
///     server.addRoute(.get, "/v1/oln/chain") { request, responder in responder.respond(json: …) }
///     loop.execute { try? server.start(on: loop) }      // on the loop thread
///
/// Threads: `start`, `stop` and `addRoute` are called on the event loop's thread (routes
/// before `start`); `localAddress`, `metrics` and `handle` from any thread.
public final class APIServer: @unchecked Sendable {
    /// How the server listens.
    public let configuration: APIServerConfiguration
    /// The registry `GET /metrics` renders.
    public let metrics: MetricsRegistry

    let counters: APIServerCounters
    private let authorization: BearerAuthorization?
    private let boundAddress = Mutex<SocketAddress?>(nil)
    /// The loop while the server runs, for callers on other threads.
    private let runningLoop = Mutex<EventLoop?>(nil)
    private var router = HTTPRouter<APIRoute>()
    /// The loop the server runs on, once started.
    private(set) var eventLoop: EventLoop?
    private var listener: TCPListener?
    private var timeoutTimer: TimerHandle?
    private var connections: [ObjectIdentifier: APIConnection] = [:]

    /// A server; nothing listens until `start(on:)`.
    public init(configuration: APIServerConfiguration, metrics: MetricsRegistry = MetricsRegistry()) {
        self.configuration = configuration
        self.metrics = metrics
        authorization = configuration.adminToken.map(BearerAuthorization.init(token:))
        counters = APIServerCounters(registry: metrics)
        addRoute(.get, "/metrics") { [metrics] _, responder in
            responder.respond(HTTPResponse(status: .ok, contentType: MetricsRegistry.contentType, text: metrics.exposition()))
        }
    }

    /// The address the server listens on, once started (with the port the system picked).
    public var localAddress: SocketAddress? { boundAddress.withLock { $0 } }

    /// Adds a route served on the loop thread; `requiresAuthorization` routes answer 401
    /// without `Authorization: Bearer <adminToken>`, and 403 when no token is configured.
    /// Call before `start`. The handler must answer through the responder exactly once.
    public func addRoute(_ method: HTTPMethod, _ pattern: String, requiresAuthorization: Bool = false,
                         bodyByteCountMax: Int? = nil,
                         handler: @escaping @Sendable (APIRequest, APIResponder) -> Void) {
        precondition(eventLoop == nil, "routes are added before the server starts")
        router.add(method, pattern, bodyByteCountMax: bodyByteCountMax,
                   APIRoute(pattern: pattern, requiresAuthorization: requiresAuthorization, handler: handler))
    }

    /// Binds `configuration.host`:`port` and starts serving on `eventLoop`. Loop thread only.
    /// Throws what `EventLoop.listen` throws (address in use, invalid host, …).
    public func start(on eventLoop: EventLoop) throws(IOError) {
        precondition(eventLoop.isOnLoopThread, "APIServer.start called off the loop thread")
        precondition(self.eventLoop == nil, "APIServer started twice")
        let listener = try eventLoop.listen(host: configuration.host, port: configuration.port) { [weak self] tcp in
            self?.accept(tcp)
        }
        self.eventLoop = eventLoop
        self.listener = listener
        boundAddress.withLock { $0 = listener.localAddress }
        runningLoop.withLock { $0 = eventLoop }
        let interval = configuration.timeoutCheckInterval
        timeoutTimer = eventLoop.scheduleTimer(after: interval, repeating: interval) { [weak self] in
            self?.checkTimeouts()
        }
    }

    /// Stops listening and closes every connection (their work is cancelled). Loop thread only.
    public func stop() {
        runningLoop.withLock { $0 = nil }
        listener?.close()
        listener = nil
        timeoutTimer?.cancel()
        timeoutTimer = nil
        for connection in connections.values { connection.abort() }
        connections = [:]
    }

    /// Serves `request` from a caller in this process (another transport, such as a libp2p
    /// stream), exactly as if it came over a connection from `client`: the same routes,
    /// limits on the body, and authorization. A streamed answer is gathered, up to
    /// `streamByteCountMax` bytes of body. `completion` runs once, on the loop thread; it
    /// gets 503 when the server has not started or has stopped. Once `isCancelled` says so
    /// (the caller stopped waiting), the request counts as cancelled, as when a client's
    /// connection closes: a generation stops. Any thread.
    public func handle(_ request: HTTPRequest, client: String, streamByteCountMax: Int = 8 << 20,
                       isCancelled: (@Sendable () -> Bool)? = nil,
                       completion: @escaping @Sendable (HTTPResponse) -> Void) {
        guard let eventLoop = runningLoop.withLock({ $0 }) else {
            return completion(APIError(status: .serviceUnavailable, message: "The API is not running.",
                                       type: "server_error").response)
        }
        let accepted = eventLoop.execute { [self] in
            let exchange = BufferedExchange(byteCountMax: streamByteCountMax, abandoned: isCancelled, completion: completion)
            let limit = router.bodyByteCountMax(for: request.head) ?? configuration.parserLimits.bodyByteCountMax
            if request.body.count > limit {
                return exchange.respond(APIError(status: .contentTooLarge, message: "The body is larger than "
                                                 + "\(limit) bytes.", type: "invalid_request_error").response)
            }
            dispatch(request, on: exchange, client: client)
        }
        if !accepted {
            completion(APIError(status: .serviceUnavailable, message: "The API has stopped.", type: "server_error").response)
        }
    }

    /// Open client connections.
    var connectionCount: Int { connections.count }

    private func accept(_ tcp: TCPConnection) {
        guard connections.count < configuration.connectionCountMax, let eventLoop else {
            tcp.abort()
            counters.connectionsRefused.increment()
            return
        }
        let router = router
        let defaultLimit = configuration.parserLimits.bodyByteCountMax
        let machine = HTTPServerConnection(
            limits: configuration.connectionLimits, parserLimits: configuration.parserLimits,
            bodyByteCountMax: { router.bodyByteCountMax(for: $0) ?? defaultLimit },
            errorResponse: { APIError($0).response }, now: eventLoop.now)
        let connection = APIConnection(tcp: tcp, server: self, machine: machine,
                                       backlogByteCountMax: configuration.outputBacklogByteCountMax)
        connections[ObjectIdentifier(connection)] = connection
        counters.openConnections.store(connections.count, ordering: .relaxed)
    }

    func remove(_ connection: APIConnection) {
        connections[ObjectIdentifier(connection)] = nil
        counters.openConnections.store(connections.count, ordering: .relaxed)
    }

    private func checkTimeouts() {
        for connection in Array(connections.values) { connection.checkTimeout() }
    }

    /// Routes a request to its handler, or answers 404, 405, 401, 403 or 400 itself.
    /// Loop thread only.
    func dispatch(_ request: HTTPRequest, on exchange: any APIExchange, client: String) {
        guard let eventLoop else { return }
        let match = router.match(method: request.method, path: request.head.path)
        var pattern = "unmatched"
        if case .found(let route, _) = match { pattern = route.handler.pattern }
        let responder = APIResponder(eventLoop: eventLoop, exchange: exchange, route: pattern,
                                     requestCounter: counters.requests)
        (exchange as? APIConnection)?.responder = responder
        switch match {
        case .notFound:
            responder.respond(error: APIError(status: .notFound, message: "No route \(request.head.path); see docs/api.md.",
                                              type: "invalid_request_error", code: "unknown_url"))
        case .methodNotAllowed(let allowed):
            var response = APIError(status: .methodNotAllowed, message: "\(request.method) is not allowed here.",
                                    type: "invalid_request_error").response
            response.headers.add(name: "Allow", value: allowed.map(\.rawValue).joined(separator: ", "))
            responder.respond(response)
        case .found(let route, let parameters):
            serve(route.handler, request: request, parameters: parameters, client: client, responder: responder)
        }
    }

    private func serve(_ route: APIRoute, request: HTTPRequest, parameters: [String: String], client: String,
                       responder: APIResponder) {
        if route.requiresAuthorization {
            guard let authorization else {
                responder.respond(error: APIError(status: .forbidden, message: "Admin routes are off: the node has "
                                                  + "no admin token configured.", type: "permission_error"))
                return
            }
            guard authorization.isAuthorized(request.headers) else { return responder.respond(error: .unauthorized) }
        }
        guard let query = HTTPQuery(parsing: request.head.query ?? "") else {
            return responder.respond(error: .invalidRequest("The query string is malformed."))
        }
        route.handler(APIRequest(http: request, parameters: parameters, query: query, client: client), responder)
    }
}
