import HTTP
import IO
import OpenLoRA
import Synchronization
import Tokenizers

/// The node's HTTP API: OpenAI-compatible inference served by a `BatchScheduler`, the
/// Prometheus metrics page, and admin routes behind a bearer token.
///
///     let server = InferenceServer(configuration: InferenceServerConfiguration(baseModelID: "smollm2"),
///                                  scheduler: scheduler, tokenizer: tokenizer, adapters: registry,
///                                  observer: receipts, metrics: registry)
///     server.addRoute(.post, "/v1/admin/adapters", requiresAuthorization: true) { request, responder in … }
///     loop.execute { try? server.start(on: loop) }      // on the loop thread
///
/// The scheduler runs on a thread of its own (`scheduler.run()`), started by the caller.
/// Threads: `start`, `stop` and `addRoute` are called on the event loop's thread (routes
/// before `start`); `localAddress` and `metrics` from any thread.
public final class InferenceServer: @unchecked Sendable {
    /// How the server listens and answers.
    public let configuration: InferenceServerConfiguration
    /// The scheduler that runs every generation.
    public let scheduler: BatchScheduler
    /// The tokenizer of the base model.
    public let tokenizer: Tokenizer
    /// The adapters served.
    public let adapters: any AdapterCatalog
    /// Sees each finished completion and fills the answer's `"oln"` field.
    public let observer: any CompletionObserver
    /// The registry `GET /metrics` renders; the server registers its own families in it.
    public let metrics: MetricsRegistry

    let counters: InferenceCounters
    private let authorization: BearerAuthorization?
    private let boundAddress = Mutex<SocketAddress?>(nil)
    private var router = HTTPRouter<APIRoute>()
    /// The loop the server runs on, once started.
    private(set) var eventLoop: EventLoop?
    private var listener: TCPListener?
    private var timeoutTimer: TimerHandle?
    private var connections: [ObjectIdentifier: APIConnection] = [:]

    /// A server; nothing listens until `start(on:)`.
    public init(configuration: InferenceServerConfiguration, scheduler: BatchScheduler, tokenizer: Tokenizer,
                adapters: any AdapterCatalog, observer: any CompletionObserver = EmptyCompletionObserver(),
                metrics: MetricsRegistry = MetricsRegistry()) {
        self.configuration = configuration
        self.scheduler = scheduler
        self.tokenizer = tokenizer
        self.adapters = adapters
        self.observer = observer
        self.metrics = metrics
        authorization = configuration.adminToken.map(BearerAuthorization.init(token:))
        counters = InferenceCounters(registry: metrics)
        registerSchedulerMetrics()
        addStandardRoutes()
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
        precondition(eventLoop.isOnLoopThread, "InferenceServer.start called off the loop thread")
        precondition(self.eventLoop == nil, "InferenceServer started twice")
        let listener = try eventLoop.listen(host: configuration.host, port: configuration.port) { [weak self] tcp in
            self?.accept(tcp)
        }
        self.eventLoop = eventLoop
        self.listener = listener
        boundAddress.withLock { $0 = listener.localAddress }
        let interval = configuration.timeoutCheckInterval
        timeoutTimer = eventLoop.scheduleTimer(after: interval, repeating: interval) { [weak self] in
            self?.checkTimeouts()
        }
    }

    /// Stops listening and closes every connection (their generations are cancelled). Loop
    /// thread only.
    public func stop() {
        listener?.close()
        listener = nil
        timeoutTimer?.cancel()
        timeoutTimer = nil
        for connection in connections.values { connection.abort() }
        connections = [:]
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
    func dispatch(_ request: HTTPRequest, on connection: APIConnection) {
        guard let eventLoop else { return }
        let match = router.match(method: request.method, path: request.head.path)
        var pattern = "unmatched"
        if case .found(let route, _) = match { pattern = route.handler.pattern }
        let responder = APIResponder(eventLoop: eventLoop, connection: connection, route: pattern,
                                     requestCounter: counters.requests)
        connection.responder = responder
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
            serve(route.handler, request: request, parameters: parameters, remote: connection.tcp.remoteAddress,
                  responder: responder)
        }
    }

    private func serve(_ route: APIRoute, request: HTTPRequest, parameters: [String: String], remote: SocketAddress,
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
        route.handler(APIRequest(http: request, parameters: parameters, query: query, remoteAddress: remote), responder)
    }
}
