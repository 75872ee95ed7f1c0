import HTTP
import Testing

@Suite struct HTTPRouterTests {
    static let router: HTTPRouter<String> = {
        var router = HTTPRouter<String>()
        router.add(.get, "/v1/models", "list")
        router.add(.get, "/v1/models/{model}", "one")
        router.add(.delete, "/v1/models/{model}", "delete")
        router.add(.post, "/v1/completions", bodyByteCountMax: 10, "complete")
        return router
    }()

    @Test func matchesLiteralsAndDecodedParameters() {
        guard case .found(let route, let parameters) = Self.router.match(method: .get, path: "/v1/models/a%2Fb%20c") else {
            Issue.record("no match")
            return
        }
        #expect(route.handler == "one")
        #expect(parameters == ["model": "a/b c"])
    }

    @Test func unknownPathsAre404AndOtherMethods405WithAllow() {
        guard case .notFound = Self.router.match(method: .get, path: "/v2/models") else {
            Issue.record("expected 404")
            return
        }
        guard case .methodNotAllowed(let allowed) = Self.router.match(method: .post, path: "/v1/models/x") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .delete])
        guard case .notFound = Self.router.match(method: .get, path: "/v1/models/%zz") else {
            Issue.record("malformed escapes match nothing")
            return
        }
    }

    @Test func headFallsBackToGetAndRoutesCarryBodyLimits() {
        guard case .found(let route, _) = Self.router.match(method: .head, path: "/v1/models") else {
            Issue.record("HEAD should reach the GET route")
            return
        }
        #expect(route.handler == "list")
        let head = HTTPRequestHead(method: .post, target: "/v1/completions?x=1")
        #expect(Self.router.bodyByteCountMax(for: head) == 10)
    }
}
