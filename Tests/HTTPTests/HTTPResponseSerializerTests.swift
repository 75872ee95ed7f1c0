import HTTP
import Testing

@Suite struct HTTPResponseSerializerTests {
    @Test func wholeResponsesCarryContentLength() {
        let response = HTTPResponse(status: .notFound, headers: ["X-A": "1"], body: Array("nope".utf8))
        let text = String(decoding: HTTPResponseSerializer.serialize(response, closing: true), as: UTF8.self)
        #expect(text == "HTTP/1.1 404 Not Found\r\nX-A: 1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope")
    }

    @Test func chunksAreHexSizedAndEmptyChunksAreSkipped() {
        #expect(HTTPResponseSerializer.chunk(Array(repeating: 0x61, count: 26))
                == Array("1a\r\n".utf8) + Array(repeating: 0x61, count: 26) + [0x0D, 0x0A])
        #expect(HTTPResponseSerializer.chunk([]).isEmpty)
        #expect(HTTPResponseSerializer.lastChunk == Array("0\r\n\r\n".utf8))
    }

    @Test func streamedHeadsDropContentLength() {
        let head = HTTPResponseHead(status: .ok, headers: ["Content-Length": "3"])
        let text = String(decoding: HTTPResponseSerializer.serialize(head, framing: .chunked, closing: false), as: UTF8.self)
        #expect(text == "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    }

    /// The serializer's output read back by our parser's client-side twin would be circular;
    /// instead the bytes are compared with what RFC 9112 §7.1 spells out for one chunk.
    @Test func rfc9112ChunkLayout() {
        #expect(HTTPResponseSerializer.chunk(Array("Wiki".utf8)) == Array("4\r\nWiki\r\n".utf8))
    }
}
