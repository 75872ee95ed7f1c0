import Foundation
import InferenceAPI
import OpenLoRA
import Testing

/// The server over real sockets on 127.0.0.1, spoken to with raw HTTP/1.1.
@Suite(.serialized) struct InferenceServerTests {
    static func completionBody(_ fields: String) -> String { "{\"model\":\"tiny-base\",\(fields)}" }

    @Test func modelsListsTheBaseModelAndEveryAdapter() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "GET", "/v1/models"))
        #expect(response.status == 200)
        #expect(response.json["object"] as? String == "list")
        let data = response.json["data"] as? [[String: Any]] ?? []
        #expect(data.compactMap { $0["id"] as? String } == ["tiny-base", "tiny-adapter"])
        #expect(data.allSatisfy { $0["object"] as? String == "model" })
    }

    @Test func greedyCompletionMatchesTheModelAndCarriesTheObserverFields() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = Self.completionBody("\"prompt\":\"Hello world\",\"max_tokens\":6,\"temperature\":0")
        let response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions", body: body))
        #expect(response.status == 200)
        let json = response.json
        #expect(json["object"] as? String == "text_completion")
        let choice = try #require((json["choices"] as? [[String: Any]])?.first)
        let usage = try #require(json["usage"] as? [String: Int])
        let record = try #require(server.observer.records.first)
        let prompt = InferenceAPIFixtures.tokenizer.encode("Hello world")
        #expect(record.promptTokenIDs == prompt)
        #expect(record.adapterName == nil)
        let expected = try InferenceAPIFixtures.model.generate(
            prompt: prompt, options: GenerationOptions(maximumTokenCount: 6, stopTokenIDs: [2]))
        #expect(record.outputTokenIDs == expected.tokens)
        #expect(choice["text"] as? String == InferenceAPIFixtures.tokenizer.decode(expected.tokens, skippingSpecialTokens: true))
        #expect(choice["finish_reason"] as? String == (expected.stopReason == .maximumTokens ? "length" : "stop"))
        #expect(usage == ["prompt_tokens": prompt.count, "completion_tokens": expected.tokens.count,
                          "total_tokens": prompt.count + expected.tokens.count])
        let oln = try #require(json["oln"] as? [String: Any])
        #expect(oln["receipt_id"] as? String == "receipt-1")
    }

    @Test func streamedChatEndsWithDoneAndMatchesTheWholeAnswer() throws {
        let server = try TestServer()
        defer { server.stop() }
        let fields = "\"model\":\"tiny-adapter\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}],"
            + "\"max_tokens\":8,\"temperature\":0"
        let whole = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/chat/completions",
                                                              body: "{\(fields)}"))
        let streamed = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/chat/completions",
                                                                 body: "{\(fields),\"stream\":true}"))
        #expect(whole.status == 200 && streamed.status == 200)
        #expect(streamed.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        let message = (whole.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
        let events = streamed.events
        #expect(events.last == "[DONE]")
        let chunks = events.dropLast().compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(chunks.count == events.count - 1)
        #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
        let text = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }
            .joined()
        #expect(text == message?["content"] as? String)
        let last = try #require(chunks.last)
        #expect((last["oln"] as? [String: Any])?["adapter"] as? String == "tiny-adapter")
        #expect(last["usage"] != nil)
        #expect(server.observer.records.map(\.outputTokenIDs).count == 2)
        #expect(server.observer.records[0].outputTokenIDs == server.observer.records[1].outputTokenIDs)
        #expect(server.observer.records[0].promptText.hasPrefix("<|im_start|>system\n"))
    }

    @Test func stopStringsCutTheTextAndReportStop() throws {
        let server = try TestServer()
        defer { server.stop() }
        let plain = ParsedResponse(try RawHTTPClient.exchange(
            port: server.port, "POST", "/v1/completions",
            body: Self.completionBody("\"prompt\":\"abc\",\"max_tokens\":12,\"temperature\":0")))
        let text = (plain.json["choices"] as? [[String: Any]])?.first?["text"] as? String ?? ""
        guard text.count >= 4 else { return }  // too little text to cut inside
        let stop = String(text.dropFirst(2).prefix(2))
        let stopJSON = String(decoding: try JSONSerialization.data(withJSONObject: [stop]), as: UTF8.self)
        let cut = ParsedResponse(try RawHTTPClient.exchange(
            port: server.port, "POST", "/v1/completions",
            body: Self.completionBody("\"prompt\":\"abc\",\"max_tokens\":12,\"temperature\":0,\"stop\":\(stopJSON)")))
        let choice = (cut.json["choices"] as? [[String: Any]])?.first
        let expected = String(text[..<text.range(of: stop)!.lowerBound])
        #expect(choice?["text"] as? String == expected)
        #expect(choice?["finish_reason"] as? String == "stop")
    }

    @Test(arguments: [
        ("/v1/completions", "{not json", 400, "invalid_request_error", nil as String?),
        ("/v1/completions", "{\"model\":\"nope\",\"prompt\":\"x\"}", 404, "invalid_request_error", "model_not_found"),
        ("/v1/completions", "{\"model\":\"tiny-base\",\"prompt\":\"x\",\"max_tokens\":500}", 400, "invalid_request_error",
         "context_length_exceeded"),
        ("/v1/completions", "{\"model\":\"tiny-base\",\"prompt\":\"x\",\"temperature\":3}", 400, "invalid_request_error", nil),
        ("/v1/completions", "{\"model\":\"tiny-base\",\"prompt\":\"x\",\"n\":2}", 400, "invalid_request_error",
         "unsupported_parameter"),
        ("/v1/chat/completions", "{\"model\":\"tiny-base\",\"messages\":[]}", 400, "invalid_request_error", nil),
    ])
    func errorsHaveOpenAIsShape(path: String, body: String, status: Int, type: String, code: String?) throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", path, body: body))
        #expect(response.status == status)
        let error = try #require(response.json["error"] as? [String: Any])
        #expect(error["type"] as? String == type)
        #expect(error["message"] is String)
        #expect(error.keys.contains("param"))
        #expect((error["code"] as? String) == code)
    }

    @Test func longPromptsExceedTheContext() throws {
        let server = try TestServer()
        defer { server.stop() }
        let prompt = String(repeating: "word ", count: 200)
        let response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions",
                                                                 body: Self.completionBody("\"prompt\":\"\(prompt)\"")))
        #expect(response.status == 400)
        #expect((response.json["error"] as? [String: Any])?["code"] as? String == "context_length_exceeded")
    }

    @Test func routingErrorsAndBodyLimits() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(ParsedResponse(try RawHTTPClient.exchange(port: server.port, "GET", "/v2/nothing")).status == 404)
        let wrongMethod = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "DELETE", "/v1/models"))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET")
        let big = Self.completionBody("\"prompt\":\"\(String(repeating: "a", count: 5000))\"")
        let tooLarge = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions", body: big))
        #expect(tooLarge.status == 413)
        #expect((tooLarge.json["error"] as? [String: Any])?["message"] is String)
    }

    @Test func adminRoutesNeedTheBearerToken() throws {
        let server = try TestServer()
        defer { server.stop() }
        let missing = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "GET", "/v1/admin/status"))
        #expect(missing.status == 401)
        #expect(missing.headers["www-authenticate"] == "Bearer")
        let wrong = try RawHTTPClient.exchange(port: server.port, "GET", "/v1/admin/status",
                                               headers: ["Authorization: Bearer test-admin-tokeN"])
        #expect(ParsedResponse(wrong).status == 401)
        let right = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "GET", "/v1/admin/status",
                                                              headers: ["Authorization: bearer \(TestServer.adminToken)"]))
        #expect(right.status == 200)
        #expect(right.json["base_model"] as? String == "tiny-base")
    }

    @Test func aFullQueueAnswers429() throws {
        let server = try TestServer(limits: SchedulerLimits(batchCapacity: 1, queueCapacity: 1), runsScheduler: false)
        defer { server.stop() }
        let body = Self.completionBody("\"prompt\":\"x\",\"max_tokens\":2")
        let waiting = try RawHTTPClient(port: server.port)
        defer { waiting.close() }
        waiting.send("POST /v1/completions HTTP/1.1\r\nHost: a\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        var response = ParsedResponse("")
        for _ in 0..<100 where response.status != 429 {
            response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions", body: body))
            if response.status != 429 { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "1")
        #expect((response.json["error"] as? [String: Any])?["code"] as? String == "queue_full")
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        defer { client.close() }
        client.send("GET /v1/models HTTP/1.1\r\nHost: a\r\n\r\nGET /v1/models/tiny-adapter HTTP/1.1\r\nHost: a\r\n\r\n")
        let text = client.read { $0.components(separatedBy: "HTTP/1.1 200 OK").count == 3 && $0.hasSuffix("}") }
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(text.hasSuffix("\"parent\":\"tiny-base\"}"))
    }

    @Test func metricsExposeSchedulerAndCacheStatistics() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = "{\"model\":\"tiny-adapter\",\"prompt\":\"x\",\"max_tokens\":2}"
        for _ in 0..<2 { _ = try RawHTTPClient.exchange(port: server.port, "POST", "/v1/completions", body: body) }
        let response = ParsedResponse(try RawHTTPClient.exchange(port: server.port, "GET", "/metrics"))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(response.body.split(separator: "\n").map(String.init))
        #expect(lines.contains("oln_scheduler_requests_submitted_total 2"))
        #expect(lines.contains("oln_adapter_cache_misses_total 1"))
        #expect(lines.contains("oln_adapter_cache_hits_total 1"))
        #expect(lines.contains("oln_api_requests_total{route=\"/v1/completions\",status=\"200\"} 2"))
        #expect(lines.contains("# TYPE oln_api_completion_tokens_per_second gauge"))
    }
}
