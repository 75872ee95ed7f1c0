import Foundation
import HTTP
import IO
import Identity
import InferenceAPI
import Testing
import TestSupport
@testable import Hosting

/// `/oln/infer/1` requests served by an `APIServer` in this process: only the routes for
/// inference, with the peer as the client, and errors in the API's shape.
@Suite("InferProtocol", .serialized)
struct InferProtocolTests {
    /// An API with a p2p route that echoes its client, and one that is not served over p2p.
    final class Server: Sendable {
        let loop: EventLoop
        let api = APIServer(configuration: APIServerConfiguration(port: 0))

        init() throws {
            loop = try EventLoop()
            api.addRoute(.get, "/v1/models") { request, responder in responder.respond(json: ["client": .string(request.client)]) }
            api.addRoute(.get, "/v1/oln/chain") { _, responder in responder.respond(json: ["head_height": 1]) }
            api.addRoute(.post, "/v1/completions", bodyByteCountMax: 8) { request, responder in
                responder.respond(json: ["bytes": .integer(request.http.body.count)])
            }
            loop.start()
            let api = api, loop = loop
            loop.execute { try? api.start(on: loop) }
            #expect(NodeStatusWait.until { api.localAddress != nil })
        }

        func stop() {
            let api = api
            loop.execute { api.stop() }
            loop.stop()
        }

        func answer(_ bytes: [UInt8], from peer: PeerID) throws -> InferResponse {
            let box = ValueBox<InferResponse>()
            InferProtocol.answer(bytes, from: peer, bodyByteCountMax: 8, api: api) { box.set($0) }
            return try #require(box.wait())
        }
    }

    static func json(_ response: InferResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    @Test("a p2p request reaches its route with the peer as the client")
    func served() throws {
        let server = try Server()
        defer { server.stop() }
        let peer = IdentityKey().peerID
        let response = try server.answer(InferRequest(method: "GET", target: "/v1/models?x=1").encoded, from: peer)
        #expect(response.status == 200)
        #expect(Self.json(response)["client"] as? String == "/p2p/\(peer)")
        let posted = try server.answer(InferRequest(method: "POST", target: "/v1/completions", body: [1, 2, 3]).encoded, from: peer)
        #expect(Self.json(posted)["bytes"] as? Int == 3)
    }

    @Test("routes not served over p2p answer 404; the API's own limits and errors apply")
    func refused() throws {
        let server = try Server()
        defer { server.stop() }
        let peer = IdentityKey().peerID
        let chain = try server.answer(InferRequest(method: "GET", target: "/v1/oln/chain").encoded, from: peer)
        #expect(chain.status == 404)
        #expect((Self.json(chain)["error"] as? [String: Any])?["code"] as? String == "unknown_url")
        #expect(try server.answer(InferRequest(method: "DELETE", target: "/v1/models").encoded, from: peer).status == 404)
        #expect(try server.answer(InferRequest(method: "POST", target: "/v1/chat/completions").encoded, from: peer).status == 404)
        #expect(try server.answer([0xff, 0x00], from: peer).status == 400)
        let oversized = InferRequest(method: "POST", target: "/v1/completions", body: [UInt8](repeating: 1, count: 9)).encoded
        #expect(try server.answer(oversized, from: peer).status == 400)
    }

    @Test("the allowlist maps to HTTP requests")
    func mapping() throws {
        let request = InferRequest(method: "POST", target: "/v1/chat/completions?a=b", headers: ["OLN-Fee-Authorization": "00"],
                                   body: [1])
        let http = try #require(InferProtocol.httpRequest(for: request))
        #expect(http.head.method == .post && http.head.path == "/v1/chat/completions" && http.head.query == "a=b")
        #expect(http.headers["oln-fee-authorization"] == "00" && http.body == [1])
        #expect(InferProtocol.httpRequest(for: InferRequest(method: "GET", target: "/v1/admin/status")) == nil)
        #expect(InferProtocol.httpRequest(for: InferRequest(method: "POST", target: "/v1/models")) == nil)
        #expect(InferProtocol.limits(bodyByteCountMax: 4 << 20).requestByteCountMax >= 4 << 20)
    }
}

/// Polls a condition (the server's address appears once it listens on its loop).
enum NodeStatusWait {
    static func until(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }
}
