import HTTP
import Testing

@Suite struct HTTPHeadersTests {
    @Test func namesCompareWithoutCaseAndValuesKeepOrder() {
        var headers: HTTPHeaders = ["Accept": "a", "accept": "b", "Connection": "Keep-Alive, Upgrade"]
        #expect(headers["ACCEPT"] == "a")
        #expect(headers.values(for: "accept") == ["a", "b"])
        #expect(headers.tokens(for: "connection") == ["keep-alive", "upgrade"])
        headers.replaceOrAdd(name: "ACCEPT", value: "c")
        #expect(headers.values(for: "Accept") == ["c"])
        headers.remove("connection")
        #expect(!headers.contains("Connection"))
        #expect(headers.count == 1)
    }

    @Test func keepAliveFollowsVersionAndConnection() {
        #expect(HTTPRequestHead(method: .get, target: "/", version: .http1_1).keepsAlive)
        #expect(!HTTPRequestHead(method: .get, target: "/", version: .http1_1, headers: ["Connection": "close"]).keepsAlive)
        #expect(!HTTPRequestHead(method: .get, target: "/", version: .http1_0).keepsAlive)
        #expect(HTTPRequestHead(method: .get, target: "/", version: .http1_0, headers: ["Connection": "keep-alive"]).keepsAlive)
    }

    @Test func targetsSplitIntoPathAndQuery() {
        let head = HTTPRequestHead(method: .get, target: "/v1/models?limit=2#frag")
        #expect(head.path == "/v1/models")
        #expect(head.query == "limit=2")
        #expect(HTTPRequestHead(method: .get, target: "http://h:80?x=1").path == "/")
        #expect(HTTPRequestHead(method: .get, target: "/").query == nil)
    }
}
