import HTTP

/// An error answer in OpenAI's shape, with its HTTP status:
///
///     {"error": {"message": "…", "type": "invalid_request_error", "param": "model", "code": "model_not_found"}}
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPStatus
    /// A sentence saying what was wrong and what to do.
    public let message: String
    /// OpenAI's error type: `invalid_request_error`, `authentication_error`, `rate_limit_error`,
    /// `server_error`, ….
    public let type: String
    /// The request field at fault, if any.
    public let parameter: String?
    /// A machine-readable code, if any (`model_not_found`, `context_length_exceeded`, …).
    public let code: String?

    /// An error.
    public init(status: HTTPStatus, message: String, type: String, parameter: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.parameter = parameter
        self.code = code
    }

    /// 400 `invalid_request_error`.
    public static func invalidRequest(_ message: String, parameter: String? = nil, code: String? = nil) -> APIError {
        APIError(status: .badRequest, message: message, type: "invalid_request_error", parameter: parameter, code: code)
    }

    /// 404 for a `model` that names neither the base model nor an adapter.
    public static func modelNotFound(_ model: String) -> APIError {
        APIError(status: .notFound, message: "The model `\(model)` does not exist; GET /v1/models lists the models served.",
                 type: "invalid_request_error", parameter: "model", code: "model_not_found")
    }

    /// 401 for a missing or wrong bearer token.
    public static let unauthorized = APIError(
        status: .unauthorized, message: "This route needs `Authorization: Bearer <admin token>`.",
        type: "authentication_error", code: "invalid_api_key")

    /// 500 for a failure inside the server.
    public static func serverError(_ message: String) -> APIError {
        APIError(status: .internalServerError, message: message, type: "server_error")
    }

    /// The answer to an HTTP-level refusal (malformed request, limits, timeouts).
    public init(_ error: HTTPParseError) {
        let type = error.status == .requestTimeout ? "timeout_error" : "invalid_request_error"
        self.init(status: error.status, message: error.message, type: type)
    }

    /// The error object.
    public var body: APIValue {
        ["error": ["message": .string(message), "type": .string(type), "param": parameter.map(APIValue.string) ?? .null,
                   "code": code.map(APIValue.string) ?? .null]]
    }

    /// The response carrying it.
    public var response: HTTPResponse {
        var headers: HTTPHeaders = [:]
        if status == .tooManyRequests || status == .serviceUnavailable { headers.add(name: "Retry-After", value: "1") }
        if status == .unauthorized { headers.add(name: "WWW-Authenticate", value: "Bearer") }
        return HTTPResponse(status: status, contentType: "application/json", text: body.jsonText, headers: headers)
    }

    public var description: String { "\(status.code) \(type): \(message)" }
}
