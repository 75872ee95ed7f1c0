import HTTP
import Identity
import InferenceAPI
import Node
import Wire

/// `/oln/infer/1`: the host's inference API over libp2p. A peer opens a stream, sends one
/// ``InferRequest`` frame (uvarint length ‖ protobuf) and gets one ``InferResponse`` frame;
/// each stream carries one exchange (``RequestService``). The request is served by the
/// node's `APIServer` exactly as if it came over HTTP from the client `/p2p/<peer id>`: the
/// same routes, body limits, admission (402 without a fee authorisation) and receipts. Only
/// ``routes`` are served; others answer 404.
public enum InferProtocol {
    public static let protocolID = "/oln/infer/1"
    /// The routes a peer may ask for.
    public static let routes: [(method: HTTPMethod, path: String)] = [
        (.get, "/v1/models"), (.get, "/v1/oln/host"), (.post, "/v1/completions"), (.post, "/v1/chat/completions"),
    ]
    /// Requests one peer may have in flight at once.
    public static let perPeerRequestCountMax = 4
    /// Requests all peers together may have in flight at once.
    public static let requestCountMax = 64

    /// The stream limits for requests with bodies of at most `bodyByteCountMax` bytes.
    public static func limits(bodyByteCountMax: Int) -> RequestLimits {
        RequestLimits(requestByteCountMax: InferRequest.byteCountMax(bodyByteCountMax: bodyByteCountMax),
                      responseByteCountMax: InferResponse.byteCountMax, perPeerRequestCountMax: perPeerRequestCountMax,
                      requestCountMax: requestCountMax, requestTimeout: .seconds(30), responseTimeout: .seconds(300))
    }

    /// Serves the protocol on `runtime` from `server`'s API (its routes, with the completion
    /// body limit of its configuration). Call before the runtime starts.
    public static func install(on runtime: NodeRuntime, server: InferenceServer) {
        let api = server.api
        let bodyByteCountMax = server.configuration.completionBodyByteCountMax
        runtime.serveRequests(RequestService(protocolID: protocolID, limits: limits(bodyByteCountMax: bodyByteCountMax)) {
            bytes, peer, reply, cancellation in
            answer(bytes, from: peer, bodyByteCountMax: bodyByteCountMax, api: api,
                   isCancelled: { cancellation.isCancelled }) { reply($0.encoded) }
        })
    }

    /// Answers one request's bytes from `peer` through `api`; `completion` gets the response
    /// (400 for bytes that do not decode, 404 for a route not served over p2p). Once
    /// `isCancelled` says so (the stream timed out or ended), the work stops as for a client
    /// that hung up. Any thread.
    static func answer(_ bytes: [UInt8], from peer: PeerID, bodyByteCountMax: Int, api: APIServer,
                       isCancelled: (@Sendable () -> Bool)? = nil,
                       completion: @escaping @Sendable (InferResponse) -> Void) {
        let request: InferRequest
        do {
            request = try InferRequest.decode(bytes, bodyByteCountMax: bodyByteCountMax)
        } catch {
            return completion(InferResponse(fitting: APIError.invalidRequest("The request is not an /oln/infer/1 "
                                                                             + "InferRequest: \(error)").response))
        }
        guard let http = httpRequest(for: request) else {
            return completion(InferResponse(fitting: APIError(
                status: .notFound, message: "No route \(request.method) \(request.target) over \(protocolID); it serves "
                    + routes.map { "\($0.method) \($0.path)" }.joined(separator: ", ") + ".",
                type: "invalid_request_error", code: "unknown_url").response))
        }
        api.handle(http, client: "/p2p/\(peer)", streamByteCountMax: InferResponse.bodyByteCountMax,
                   isCancelled: isCancelled) { response in
            completion(InferResponse(fitting: response))
        }
    }

    /// The HTTP request a peer's request stands for, or nil when its route is not served
    /// over p2p.
    static func httpRequest(for request: InferRequest) -> HTTPRequest? {
        let head = HTTPRequestHead(method: HTTPMethod(rawValue: request.method), target: request.target,
                                   headers: request.headers)
        guard routes.contains(where: { $0.method == head.method && $0.path == head.path }) else { return nil }
        return HTTPRequest(head: head, body: request.body)
    }
}
