import HTTP
import IO
import OpenLoRA
import Synchronization
import Tokenizers

/// OpenAI-compatible inference served by a `BatchScheduler`, as routes of an `APIServer`:
/// `GET /v1/models`, `POST /v1/completions`, `POST /v1/chat/completions` (with SSE
/// streaming), and the admin route `GET /v1/admin/status`.
///
///     let server = InferenceServer(configuration: InferenceServerConfiguration(baseModelID: "smollm2"),
///                                  scheduler: scheduler, tokenizer: tokenizer, adapters: registry,
///                                  observer: receipts)
///     server.addRoute(.post, "/v1/admin/adapters", requiresAuthorization: true) { request, responder in … }
///     loop.execute { try? server.start(on: loop) }      // on the loop thread
///
/// It makes an API server of its own from the configuration, or adds its routes to one
/// given (`api:`), which then serves other routes beside them. The scheduler runs on a
/// thread of its own (`scheduler.run()`), started by the caller.
/// Threads: `start`, `stop` and `addRoute` are called on the event loop's thread (routes
/// before `start`); `localAddress` and `metrics` from any thread.
public final class InferenceServer: @unchecked Sendable {
    /// How the server answers (and, without a server given, listens).
    public let configuration: InferenceServerConfiguration
    /// The HTTP server the routes are served by.
    public let api: APIServer
    /// The scheduler that runs every generation.
    public let scheduler: BatchScheduler
    /// The tokenizer of the base model.
    public let tokenizer: Tokenizer
    /// The adapters served.
    public let adapters: any AdapterCatalog
    /// Sees each finished completion and fills the answer's `"oln"` field.
    public let observer: any CompletionObserver

    let counters: InferenceCounters

    /// Inference routes on `api`, or on a server of their own made from `configuration`
    /// (with `metrics`) when `api` is nil.
    public init(configuration: InferenceServerConfiguration, scheduler: BatchScheduler, tokenizer: Tokenizer,
                adapters: any AdapterCatalog, observer: any CompletionObserver = EmptyCompletionObserver(),
                metrics: MetricsRegistry = MetricsRegistry(), api: APIServer? = nil) {
        self.configuration = configuration
        self.api = api ?? APIServer(configuration: configuration.server, metrics: metrics)
        self.scheduler = scheduler
        self.tokenizer = tokenizer
        self.adapters = adapters
        self.observer = observer
        counters = InferenceCounters(registry: self.api.metrics)
        registerSchedulerMetrics()
        addStandardRoutes()
    }

    /// The registry `GET /metrics` renders; the server registers its own families in it.
    public var metrics: MetricsRegistry { api.metrics }

    /// The address the server listens on, once started (with the port the system picked).
    public var localAddress: SocketAddress? { api.localAddress }

    /// The loop the server runs on, once started.
    var eventLoop: EventLoop? { api.eventLoop }

    /// Adds a route to the server (see `APIServer.addRoute`). Call before `start`.
    public func addRoute(_ method: HTTPMethod, _ pattern: String, requiresAuthorization: Bool = false,
                         bodyByteCountMax: Int? = nil,
                         handler: @escaping @Sendable (APIRequest, APIResponder) -> Void) {
        api.addRoute(method, pattern, requiresAuthorization: requiresAuthorization, bodyByteCountMax: bodyByteCountMax,
                     handler: handler)
    }

    /// Starts the server on `eventLoop` (see `APIServer.start`). Loop thread only.
    public func start(on eventLoop: EventLoop) throws(IOError) {
        try api.start(on: eventLoop)
    }

    /// Stops the server: closes every connection, cancelling their generations. Loop thread only.
    public func stop() {
        api.stop()
    }

    /// Open client connections.
    var connectionCount: Int { api.connectionCount }
}
