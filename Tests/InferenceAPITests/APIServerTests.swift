import Foundation
import HTTP
import IO
import InferenceAPI
import Testing
import TestSupport

/// `APIServer.handle`: requests from this process go through the same routes, limits and
/// authorization as those over a socket, and come back whole.
@Suite(.serialized) struct APIServerTests {
    static func handle(_ server: APIServer, _ method: HTTPMethod, _ target: String, body: String = "",
                       headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        let request = HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers),
                                  body: Array(body.utf8))
        let box = ValueBox<HTTPResponse>()
        server.handle(request, client: "/p2p/test") { box.set($0) }
        return try #require(box.wait(seconds: 30), "no answer to \(method) \(target)")
    }

    static func json(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    @Test func aCompletionFromThisProcessMatchesTheSameOverASocket() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = InferenceServerTests.completionBody("\"prompt\":\"Hello world\",\"max_tokens\":5,\"temperature\":0")
        let inProcess = try Self.handle(server.server.api, .post, "/v1/completions", body: body)
        let overSocket = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions", body: body))
        #expect(inProcess.status.code == 200)
        let text = (Self.json(inProcess)["choices"] as? [[String: Any]])?.first?["text"] as? String
        #expect(text != nil)
        #expect(text == (overSocket.json["choices"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(Self.json(inProcess)["oln"] != nil, "the observer's fields come back too")
    }

    @Test func aStreamedAnswerIsGatheredWhole() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = InferenceServerTests.completionBody("\"prompt\":\"Hi\",\"max_tokens\":4,\"temperature\":0,\"stream\":true")
        let response = try Self.handle(server.server.api, .post, "/v1/completions", body: body)
        #expect(response.status.code == 200)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.hasPrefix("data: "))
        #expect(text.hasSuffix("data: [DONE]\n\n"))
    }

    @Test func aCallerThatStopsWaitingCancelsItsGeneration() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = InferenceServerTests.completionBody("\"prompt\":\"Hello\",\"max_tokens\":64,\"temperature\":0")
        let request = HTTPRequest(head: HTTPRequestHead(method: .post, target: "/v1/completions"), body: Array(body.utf8))
        let answered = ValueBox<HTTPResponse>()
        server.server.api.handle(request, client: "/p2p/test", isCancelled: { true }) { answered.set($0) }
        let cancelled = "oln_api_completions_total{finish_reason=\"cancelled\"} 1"
        let counted = (0..<300).contains { _ in
            let metrics = ParsedResponse((try? RawHTTPClient.exchange(port: server.port, "GET", "/metrics")) ?? "")
            if metrics.body.contains(cancelled) { return true }
            Thread.sleep(forTimeInterval: 0.1)
            return false
        }
        #expect(counted, "the generation stops as for a client that hung up")
        #expect(answered.wait(seconds: 0.5) == nil, "nobody waits for an answer")
    }

    @Test func routingAuthorizationAndLimitsApply() throws {
        let server = try TestServer()
        defer { server.stop() }
        let api = server.server.api
        #expect(try Self.handle(api, .get, "/nowhere").status.code == 404)
        #expect(try Self.handle(api, .delete, "/v1/models").status.code == 405)
        #expect(try Self.handle(api, .get, "/v1/admin/status").status.code == 401)
        let authorized: HTTPHeaders = ["Authorization": "Bearer \(TestServer.adminToken)"]
        #expect(try Self.handle(api, .get, "/v1/admin/status", headers: authorized).status.code == 200)
        let oversized = String(repeating: "x", count: 5000)
        #expect(try Self.handle(api, .post, "/v1/completions", body: oversized).status.code == 413)
        let models = try Self.handle(api, .get, "/v1/models")
        #expect((Self.json(models)["data"] as? [[String: Any]])?.count == 2)
    }

    @Test func aServerThatDoesNotRunAnswers503() throws {
        let server = APIServer(configuration: APIServerConfiguration(port: 0))
        server.addRoute(.get, "/ping") { _, responder in responder.respond(json: ["ok": .bool(true)]) }
        #expect(try Self.handle(server, .get, "/ping").status.code == 503)
    }

    @Test func routesOfTheServerAloneWorkWithoutInference() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let server = APIServer(configuration: APIServerConfiguration(port: 0))
        server.addRoute(.get, "/ping/{name}") { request, responder in
            responder.respond(json: ["name": .string(request.parameters["name"] ?? ""), "client": .string(request.client)])
        }
        let started = ValueBox<Bool>()
        loop.execute { started.set((try? server.start(on: loop)) != nil) }
        #expect(started.wait() == true)
        defer { loop.execute { server.stop() } }
        let answer = Self.json(try Self.handle(server, .get, "/ping/abc"))
        #expect(answer["name"] as? String == "abc")
        #expect(answer["client"] as? String == "/p2p/test")
        let port = try #require(server.localAddress?.port)
        let metrics = ParsedResponse(try RawHTTPClient.exchange(port: port, "GET", "/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("oln_api_requests_total{route=\"/ping/{name}\",status=\"200\"} 1"))
    }
}
