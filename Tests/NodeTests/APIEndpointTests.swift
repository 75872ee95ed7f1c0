import Testing
@testable import Node

@Suite("APIEndpoint")
struct APIEndpointTests {
    @Test("HOST:PORT parses, IPv6 in brackets, and off turns the API off", arguments: [
        ("127.0.0.1:8080", APIEndpoint(host: "127.0.0.1", port: 8080)),
        ("0.0.0.0:0", APIEndpoint(host: "0.0.0.0", port: 0)),
        ("[::1]:9000", APIEndpoint(host: "::1", port: 9000)),
    ])
    func parses(text: String, expected: APIEndpoint) throws {
        #expect(try APIEndpoint.parse(text) == expected)
        #expect(expected.description == text)
    }

    @Test("off is no endpoint")
    func off() throws {
        #expect(try APIEndpoint.parse("off") == nil)
    }

    @Test("malformed addresses are refused", arguments: ["", "8080", ":8080", "127.0.0.1:", "127.0.0.1:65536",
                                                         "127.0.0.1:-1", "[::1:80", "a b:80", "OFF"])
    func refused(text: String) {
        #expect(throws: NodeError.self) { try APIEndpoint.parse(text) }
    }
}
