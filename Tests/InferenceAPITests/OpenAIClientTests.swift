import Foundation
import Testing

/// The stock `openai` Python client against the server: models.list, completions.create and
/// chat.completions.create, with and without streaming, and prometheus_client reading
/// /metrics. The interpreter is `OLN_API_PYTHON`, or `.venv/bin/python3` in the repository
/// root (Scripts/requirements-api.txt lists the packages); the test is skipped without one.
@Suite(.serialized) struct OpenAIClientTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let python: String? = {
        let candidate = ProcessInfo.processInfo.environment["OLN_API_PYTHON"]
            ?? repositoryRoot.appendingPathComponent(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: candidate)
        probe.arguments = ["-c", "import openai, prometheus_client"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? candidate : nil
    }()

    static let script = #"""
    import json, sys
    import openai, prometheus_client.parser, urllib.request
    base = sys.argv[1]
    client = openai.OpenAI(base_url=base + "/v1", api_key="unused", max_retries=0)
    out = {"models": [m.id for m in client.models.list()]}
    c = client.completions.create(model="tiny-base", prompt="Hello", max_tokens=5, temperature=0, seed=3)
    out["completion"] = {"text": c.choices[0].text, "finish": c.choices[0].finish_reason,
                         "usage": c.usage.model_dump(), "oln": (c.model_extra or {}).get("oln")}
    chat = client.chat.completions.create(model="tiny-adapter", messages=[{"role": "user", "content": "Hi"}],
                                          max_tokens=6, temperature=0.7, top_p=0.9, seed=11, stop=["zz"])
    out["chat"] = {"text": chat.choices[0].message.content, "role": chat.choices[0].message.role,
                   "finish": chat.choices[0].finish_reason, "oln": (chat.model_extra or {}).get("oln")}
    pieces, last = [], None
    for chunk in client.chat.completions.create(model="tiny-adapter", messages=[{"role": "user", "content": "Hi"}],
                                                max_tokens=6, temperature=0.7, top_p=0.9, seed=11, stop=["zz"],
                                                stream=True):
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        last = chunk
    out["chat_stream"] = {"text": "".join(pieces), "finish": last.choices[0].finish_reason,
                          "oln": (last.model_extra or {}).get("oln")}
    texts, last = [], None
    for chunk in client.completions.create(model="tiny-base", prompt="Hello", max_tokens=5, temperature=0,
                                           stream=True):
        texts.append(chunk.choices[0].text)
        last = chunk
    out["completion_stream"] = {"text": "".join(texts), "oln": (last.model_extra or {}).get("oln")}
    try:
        client.completions.create(model="missing", prompt="x")
    except openai.NotFoundError as error:
        out["not_found"] = error.body
    page = urllib.request.urlopen(base + "/metrics").read().decode()
    out["metrics"] = sorted({f.name for f in prometheus_client.parser.text_string_to_metric_families(page)})
    print(json.dumps(out))
    """#

    @Test func theOpenAIPythonClientTalksToTheServer() throws {
        guard let python = Self.python else {
            print("OpenAIClientTests skipped: no python with `openai` and `prometheus_client` "
                  + "(set OLN_API_PYTHON or create .venv from Scripts/requirements-api.txt)")
            return
        }
        let server = try TestServer()
        defer { server.stop() }
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("oln-openai-\(UUID()).py")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptURL.path, "http://127.0.0.1:\(server.port)"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python failed: \(errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["models"] as? [String] == ["tiny-base", "tiny-adapter"])
        let completion = try #require(result["completion"] as? [String: Any])
        let completionStream = try #require(result["completion_stream"] as? [String: Any])
        #expect(completion["text"] as? String == completionStream["text"] as? String)
        #expect((completion["usage"] as? [String: Any])?["total_tokens"] as? Int != nil)
        let chat = try #require(result["chat"] as? [String: Any])
        let chatStream = try #require(result["chat_stream"] as? [String: Any])
        #expect(chat["role"] as? String == "assistant")
        #expect(chat["text"] as? String == chatStream["text"] as? String)  // same seed, same tokens
        #expect(chat["finish"] as? String == chatStream["finish"] as? String)
        for part in [completion, completionStream, chat, chatStream] {
            #expect((part["oln"] as? [String: Any])?["receipt_id"] is String)
        }
        #expect(((result["not_found"] as? [String: Any])?["code"] as? String) == "model_not_found")
        let metrics = result["metrics"] as? [String] ?? []
        #expect(metrics.contains("oln_api_requests"))
        #expect(metrics.contains("oln_scheduler_requests_submitted"))
        #expect(metrics.contains("oln_adapter_cache_hits"))
    }
}
