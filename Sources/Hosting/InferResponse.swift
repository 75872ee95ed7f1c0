import HTTP
import InferenceAPI
import Ledger
import Wire

/// The answer on `/oln/infer/1`: the HTTP response of the inference API, as protobuf.
///
///     message InferResponse {
///       uint32 status = 1;            // 100 … 599
///       repeated Header headers = 2;  // ≤ 32 fields, ≤ 8 KiB of names and values
///       bytes body = 3;               // ≤ 8 MiB; a streamed (SSE) answer gathered whole
///     }
///     message Header { string name = 1; string value = 2; }
///
/// Fields in order, each once (headers repeated), empty ones left out; nothing else.
public struct InferResponse: Sendable, Equatable {
    public static let headerCountMax = 32
    /// Bytes of every header name and value together.
    public static let headerByteCountMax = 8_192
    /// The longest body: what `APIServer.handle` gathers of a streamed answer.
    public static let bodyByteCountMax = 8 << 20
    /// The longest encoded response.
    public static let byteCountMax = bodyByteCountMax + headerByteCountMax + 32 + headerCountMax * 16

    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// - Precondition: `status` in 100…599.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        precondition((100...599).contains(status), "an HTTP status is 100 … 599")
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The response to send for `response`: itself when it fits the limits, otherwise a
    /// 500 error saying that the answer is too large for the protocol.
    public init(fitting response: HTTPResponse) {
        let headerBytes = response.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        let fits = response.body.count <= Self.bodyByteCountMax && response.headers.count <= Self.headerCountMax
            && headerBytes <= Self.headerByteCountMax && (100...599).contains(response.status.code)
            && response.headers.allSatisfy { InferHeaders.isToken($0.name) && InferHeaders.isFieldValue($0.value) }
        let sent = fits ? response : APIError(status: .internalServerError, message: "The answer is larger than "
                                              + "/oln/infer/1 carries (\(Self.bodyByteCountMax) bytes of body).",
                                              type: "server_error").response
        self.init(status: sent.status.code, headers: sent.headers, body: sent.body)
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(UInt64(status), field: 1)
        InferHeaders.write(headers, field: 2, to: &writer)
        writer.writeBytesIfNotEmpty(body, field: 3)
        return writer.bytes
    }

    /// A response from a peer; refuses non-canonical bytes, unknown fields, and values out of
    /// range or over the limits.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> InferResponse {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("infer response bytes", limit: byteCountMax) }
        let limits = ProtobufLimits(messageByteCountMax: byteCountMax, fieldByteCountMax: byteCountMax, nestingDepthMax: 1,
                                    fieldCountMax: headerCountMax + 3)
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        var status: UInt32?
        var headers = HTTPHeaders()
        var body: [UInt8] = []
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 2) {
            switch field.number {
            case 1: status = try field.uint32()
            case 2:
                try InferHeaders.read(field, from: reader, into: &headers, countMax: headerCountMax,
                                      byteCountMax: headerByteCountMax)
            case 3:
                body = try field.bytes()
                guard !body.isEmpty else { throw .nonCanonical("an empty body is left out") }
                guard body.count <= bodyByteCountMax else {
                    throw .limitExceeded("infer response body bytes", limit: bodyByteCountMax)
                }
            default: throw .unknownField(field.number)
            }
        }
        guard let status else { throw .missingField(1) }
        guard (100...599).contains(status) else { throw .valueOutOfRange("an HTTP status is 100 … 599") }
        return InferResponse(status: Int(status), headers: headers, body: body)
    }
}
