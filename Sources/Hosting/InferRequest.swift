import HTTP
import Ledger
import Wire

/// A request on `/oln/infer/1`: an HTTP request of the inference API, as protobuf.
///
///     message InferRequest {
///       string method = 1;            // an HTTP token, ≤ 16 bytes: GET, POST
///       string target = 2;            // origin form, ≤ 2 KiB: /v1/completions, /v1/models?x=1
///       repeated Header headers = 3;  // ≤ 32 fields, ≤ 8 KiB of names and values
///       bytes body = 4;               // ≤ the API's completion body limit (4 MiB by default)
///     }
///     message Header { string name = 1; string value = 2; }
///
/// Fields in order, each once (headers repeated), empty ones left out; nothing else.
public struct InferRequest: Sendable, Equatable {
    public static let methodByteCountMax = 16
    public static let targetByteCountMax = 2_048
    public static let headerCountMax = 32
    /// Bytes of every header name and value together.
    public static let headerByteCountMax = 8_192
    /// The body limit when the API's is not known: the completion routes' default.
    public static let defaultBodyByteCountMax = 4 << 20

    public var method: String
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// A request for `target` (origin form: a path starting with `/` and an optional query).
    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The longest encoded request whose body is at most `bodyByteCountMax` bytes.
    public static func byteCountMax(bodyByteCountMax: Int = defaultBodyByteCountMax) -> Int {
        bodyByteCountMax + methodByteCountMax + targetByteCountMax + headerByteCountMax + 32 + headerCountMax * 16
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeString(method, field: 1)
        writer.writeString(target, field: 2)
        InferHeaders.write(headers, field: 3, to: &writer)
        writer.writeBytesIfNotEmpty(body, field: 4)
        return writer.bytes
    }

    /// A request from a peer; refuses non-canonical bytes, unknown fields, and values out of
    /// form or over the limits.
    public static func decode(_ bytes: [UInt8],
                              bodyByteCountMax: Int = defaultBodyByteCountMax) throws(WireError) -> InferRequest {
        let byteCountMax = byteCountMax(bodyByteCountMax: bodyByteCountMax)
        guard bytes.count <= byteCountMax else { throw .limitExceeded("infer request bytes", limit: byteCountMax) }
        let limits = ProtobufLimits(messageByteCountMax: byteCountMax, fieldByteCountMax: byteCountMax, nestingDepthMax: 1,
                                    fieldCountMax: headerCountMax + 4)
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        var request = InferRequest(method: "", target: "")
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 3) {
            switch field.number {
            case 1: request.method = try field.string()
            case 2: request.target = try field.string()
            case 3:
                try InferHeaders.read(field, from: reader, into: &request.headers, countMax: headerCountMax,
                                      byteCountMax: headerByteCountMax)
            case 4:
                request.body = try field.bytes()
                guard !request.body.isEmpty else { throw .nonCanonical("an empty body is left out") }
            default: throw .unknownField(field.number)
            }
        }
        try request.check(bodyByteCountMax: bodyByteCountMax)
        return request
    }

    private func check(bodyByteCountMax: Int) throws(WireError) {
        guard InferHeaders.isToken(method), method.utf8.count <= Self.methodByteCountMax else {
            throw .invalidText("the method is an HTTP token of at most \(Self.methodByteCountMax) bytes")
        }
        guard target.hasPrefix("/"), target.utf8.count <= Self.targetByteCountMax,
              target.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalidText("the target is a path (and query) of at most \(Self.targetByteCountMax) visible ASCII bytes")
        }
        guard body.count <= bodyByteCountMax else { throw .limitExceeded("infer request body bytes", limit: bodyByteCountMax) }
    }
}
