import HTTP
import IO
import Synchronization

/// Answers one request. Every method may be called from any thread (calls from other
/// threads hop to the event loop, in the order they were made on that thread). A request
/// is answered exactly once: by `respond`, or by a stream that `startEventStream` opens and
/// `finishEventStream` ends; later calls do nothing.
public final class APIResponder: @unchecked Sendable {
    private let eventLoop: EventLoop
    /// Loop thread only.
    private weak var connection: (any APIExchange)?
    /// An exchange nothing else holds (a caller in this process), kept until answered.
    private let ownedExchange: (any APIExchange)?
    private let route: String
    private let requestCounter: MetricCounter
    private let cancelled = Atomic<Bool>(false)
    /// Loop thread only: whether the answer has begun.
    private var hasResponded = false

    init(eventLoop: EventLoop, exchange: any APIExchange, route: String, requestCounter: MetricCounter) {
        self.eventLoop = eventLoop
        self.connection = exchange
        ownedExchange = exchange is APIConnection ? nil : exchange
        self.route = route
        self.requestCounter = requestCounter
    }

    /// Whether the client has gone (its connection closed, or a caller in this process
    /// stopped waiting); work for it should stop.
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) || ownedExchange?.isAbandoned == true }

    /// Marks the request cancelled (its connection closed).
    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }

    /// Sends a whole response.
    public func respond(_ response: HTTPResponse) {
        onLoop { [self] in
            guard begin(status: response.status) else { return }
            connection?.respond(response)
        }
    }

    /// Sends `value` as an `application/json` body.
    public func respond(json value: APIValue, status: HTTPStatus = .ok) {
        respond(HTTPResponse(status: status, contentType: "application/json", text: value.jsonText))
    }

    /// Sends an error in OpenAI's shape.
    public func respond(error: APIError) {
        respond(error.response)
    }

    /// Starts a `text/event-stream` answer with status 200.
    public func startEventStream() {
        onLoop { [self] in
            guard begin(status: .ok) else { return }
            connection?.startStream(HTTPResponseHead(status: .ok, headers: ServerSentEvent.responseHeaders))
        }
    }

    /// Sends one event of the stream.
    public func send(_ event: ServerSentEvent) {
        onLoop { [self] in connection?.stream(event.encoded) }
    }

    /// Ends the stream (a keep-alive connection then serves its next request).
    public func finishEventStream() {
        onLoop { [self] in connection?.finishStream() }
    }

    /// Closes the connection at once, abandoning a stream in the middle (the client sees an
    /// incomplete chunked body).
    public func abort() {
        onLoop { [self] in connection?.abortExchange() }
    }

    /// Counts the answer; false when the request was already answered.
    private func begin(status: HTTPStatus) -> Bool {
        guard !hasResponded else { return false }
        hasResponded = true
        requestCounter.increment([route, String(status.code)])
        return true
    }

    private func onLoop(_ body: @escaping @Sendable () -> Void) {
        if eventLoop.isOnLoopThread {
            body()
        } else {
            eventLoop.execute(body)
        }
    }
}
