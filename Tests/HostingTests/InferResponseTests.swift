import HTTP
import Testing
import TestSupport
import Wire
@testable import Hosting

/// `/oln/infer/1` responses: protobuf encoded by hand from the schema in docs/api.md.
@Suite("InferResponse")
struct InferResponseTests {
    /// 402, Content-Type: application/json, body "{}" (402 is the varint 92 03).
    static let paymentRequired = hex("""
        0892 03
        1220 0a0c 436f6e74656e742d54797065 1210 6170706c69636174696f6e2f6a736f6e
        1a02 7b7d
        """)

    @Test("a known encoding decodes and re-encodes")
    func vector() throws {
        let response = InferResponse(status: 402, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        #expect(response.encoded == Self.paymentRequired)
        #expect(try InferResponse.decode(Self.paymentRequired) == response)
        #expect(try InferResponse.decode(hex("08c8 01")) == InferResponse(status: 200))
    }

    @Test("malformed and out-of-range responses are refused", arguments: [
        hex(""),                       // no status
        hex("0800"),                   // status 0
        hex("08d8 04"),                // status 600
        hex("08c8 01 08c8 01"),        // status twice
        hex("08c8 01 1a00"),           // an empty body written out
        hex("08c8 01 2001"),           // an unknown field
        hex("1a02 7b7d 08c8 01"),      // out of order
        hex("08c8 01 1205 0a01 3a 1200"), // a header name that is not a token
    ])
    func refused(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try InferResponse.decode(bytes) }
    }

    @Test("an answer that fits is carried as it is; a larger one becomes a 500")
    func fitting() throws {
        let answer = HTTPResponse(status: .ok, contentType: "application/json", text: "{\"a\":1}")
        let carried = InferResponse(fitting: answer)
        #expect(carried.status == 200 && carried.headers == answer.headers && carried.body == answer.body)
        let huge = HTTPResponse(status: .ok, body: [UInt8](repeating: 0x20, count: InferResponse.bodyByteCountMax + 1))
        #expect(InferResponse(fitting: huge).status == 500)
        var headers = HTTPHeaders()
        for index in 0...InferResponse.headerCountMax { headers.add(name: "X-\(index)", value: "v") }
        #expect(InferResponse(fitting: HTTPResponse(status: .ok, headers: headers)).status == 500)
        #expect(InferResponse(fitting: HTTPResponse(status: .ok, headers: ["X-Bad": "a\r\nb"])).status == 500)
        let largest = InferResponse(status: 200, body: [UInt8](repeating: 1, count: InferResponse.bodyByteCountMax))
        #expect(largest.encoded.count <= InferResponse.byteCountMax)
        #expect(try InferResponse.decode(largest.encoded).body.count == InferResponse.bodyByteCountMax)
    }

    @Test("random and mutated bytes never trap; whatever decodes re-encodes to the same bytes")
    func property() {
        var generator = SeededGenerator.make(for: "InferResponse")
        for index in 0..<5_000 {
            let input = index % 3 == 0 ? generator.bytes(maximumCount: 64) : generator.mutate(Self.paymentRequired)
            if let response = try? InferResponse.decode(input) {
                #expect(response.encoded == input)
            }
        }
    }
}
