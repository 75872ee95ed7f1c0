import HTTP
import Testing
import TestSupport
import Wire
@testable import Hosting

/// `/oln/infer/1` requests: protobuf encoded by hand from the schema in docs/api.md.
@Suite("InferRequest")
struct InferRequestTests {
    static let models = hex("0a03 474554 120a 2f76312f6d6f64656c73")  // method "GET", target "/v1/models"
    /// POST /v1/completions, header Accept: x, body "{}".
    static let completion = hex("""
        0a04 504f5354 120f 2f76312f636f6d706c6574696f6e73
        1a0b 0a06 416363657074 1201 78
        2202 7b7d
        """)

    @Test("known encodings decode and re-encode")
    func vectors() throws {
        let models = InferRequest(method: "GET", target: "/v1/models")
        #expect(models.encoded == Self.models)
        #expect(try InferRequest.decode(Self.models) == models)
        let completion = InferRequest(method: "POST", target: "/v1/completions", headers: ["Accept": "x"], body: Array("{}".utf8))
        #expect(completion.encoded == Self.completion)
        #expect(try InferRequest.decode(Self.completion) == completion)
    }

    @Test("malformed and out-of-form requests are refused", arguments: [
        hex("120a 2f76312f6d6f64656c73"),                                  // no method
        hex("0a03 474554"),                                                // no target
        hex("0a03 474554 0a03 474554 120a 2f76312f6d6f64656c73"),          // method twice
        hex("120a 2f76312f6d6f64656c73 0a03 474554"),                      // out of order
        hex("0a03 474554 120a 2f76312f6d6f64656c73 2200"),                 // an empty body written out
        hex("0a03 474554 120a 2f76312f6d6f64656c73 2801"),                 // an unknown field
        hex("0a03 472054 120a 2f76312f6d6f64656c73"),                      // a method with a space
        hex("0a03 474554 1209 76312f6d6f64656c73"),                        // a target without the leading /
        hex("0a03 474554 120b 2f76312f6d6f64656c7320"),                    // a target with a space
        hex("0a03 474554 120a 2f76312f6d6f64656c73 1a05 0a01 20 1200"),    // a header name with a space
        hex("0a03 474554 120a 2f76312f6d6f64656c73 1a06 0a01 41 1201 0d"), // a CR in a header value
        hex("0a03 474554 120a 2f76312f6d6f64656c73 1a05 0a01 41 1200"),    // an empty header value written out
        hex("0a03 474554 120a 2f76312f6d6f64656c73 1a03 1201 78"),         // a header without a name
        hex("0a11 4141414141414141414141414141414141 1201 2f"),            // a 17-byte method
    ])
    func refused(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try InferRequest.decode(bytes) }
    }

    @Test("the limits on header fields, the target and the body hold")
    func limits() throws {
        var headers = HTTPHeaders()
        for index in 0..<InferRequest.headerCountMax { headers.add(name: "X-\(index)", value: "v") }
        let full = InferRequest(method: "GET", target: "/v1/models", headers: headers)
        #expect(try InferRequest.decode(full.encoded) == full)
        headers.add(name: "X-More", value: "v")
        #expect(throws: WireError.self) { try InferRequest.decode(InferRequest(method: "GET", target: "/", headers: headers).encoded) }
        let long: HTTPHeaders = ["X-Long": String(repeating: "v", count: InferRequest.headerByteCountMax)]
        #expect(throws: WireError.self) { try InferRequest.decode(InferRequest(method: "GET", target: "/", headers: long).encoded) }
        let target = "/" + String(repeating: "a", count: InferRequest.targetByteCountMax)
        #expect(throws: WireError.self) { try InferRequest.decode(InferRequest(method: "GET", target: target).encoded) }
        let body = InferRequest(method: "POST", target: "/", body: [UInt8](repeating: 1, count: 101))
        #expect(try InferRequest.decode(body.encoded, bodyByteCountMax: 101) == body)
        #expect(throws: WireError.self) { try InferRequest.decode(body.encoded, bodyByteCountMax: 100) }
        #expect(body.encoded.count <= InferRequest.byteCountMax(bodyByteCountMax: 101))
    }

    @Test("random and mutated bytes never trap; whatever decodes re-encodes to the same bytes")
    func property() {
        var generator = SeededGenerator.make(for: "InferRequest")
        let seeds = [Self.models, Self.completion]
        for index in 0..<5_000 {
            let input = index % 3 == 0 ? generator.bytes(maximumCount: 64) : generator.mutate(seeds[index % 2])
            if let request = try? InferRequest.decode(input, bodyByteCountMax: 64) {
                #expect(request.encoded == input)
            }
        }
    }
}
