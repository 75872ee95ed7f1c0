/// `oln infer --api URL`: requests over HTTP (`HTTPExchange`).
final class HTTPInferTransport: InferTransport {
    let base: String

    /// The API at `url` (a trailing slash is dropped).
    init(url: String) {
        base = url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    var hostDescription: String { base }

    func get(_ path: String) throws -> [String: Any] {
        try HTTPExchange.get(base + path)
    }

    func post(_ path: String, body: [String: Any], headers: [String: String]) throws -> (Int, [String: Any]) {
        try HTTPExchange.post(base + path, body: body, headers: headers)
    }

    func close() {}
}
