import Foundation
import Testing
@testable import Node

@Suite("NodeConfiguration")
struct NodeConfigurationTests {
    @Test("the defaults are usable and survive a JSON round trip")
    func defaults() throws {
        let configuration = NodeConfiguration()
        #expect(configuration.problem() == nil)
        #expect(try JSONDecoder().decode(NodeConfiguration.self, from: configuration.json) == configuration)
        #expect(String(decoding: configuration.json, as: UTF8.self).contains("\"log_level\" : \"info\""))
    }

    @Test("each unusable configuration names its problem", arguments: [
        (NodeConfiguration(listen: []), "listen"),
        (NodeConfiguration(listen: ["not a multiaddr"]), "not a multiaddr"),
        (NodeConfiguration(bootstrap: ["/ip4/127.0.0.1/tcp/4001"]), "/p2p/"),
        (NodeConfiguration(logLevel: "loud"), "log_level"),
        (NodeConfiguration(roles: [.validator]), "relay"),
        (NodeConfiguration(api: "8080"), "HOST:PORT"),
        (NodeConfiguration(roles: [.relay, .host], host: HostSettings(model: "m.gguf"), api: "off"), "cannot be off"),
    ])
    func problems(configuration: NodeConfiguration, expected: String) {
        #expect(configuration.problem()?.contains(expected) == true, "\(String(describing: configuration.problem()))")
    }

    @Test("a file without an api key takes a host section's older api_host and api_port, else the default")
    func legacyAPI() throws {
        let older = """
            {"version": 1, "listen": ["/ip4/0.0.0.0/tcp/4001"], "bootstrap": [], "roles": ["relay", "host"],
             "log_level": "info", "host": {"model": "m.gguf", "api_host": "0.0.0.0", "api_port": 9090}}
            """
        let configuration = try JSONDecoder().decode(NodeConfiguration.self, from: Data(older.utf8))
        #expect(configuration.api == "0.0.0.0:9090")
        #expect(configuration.host == HostSettings(model: "m.gguf"))
        let plain = #"{"version": 1, "listen": ["/ip4/0.0.0.0/tcp/4001"], "bootstrap": [], "roles": ["relay"], "log_level": "info"}"#
        #expect(try JSONDecoder().decode(NodeConfiguration.self, from: Data(plain.utf8)).api == "127.0.0.1:8080")
    }

    @Test("reading a missing, oversized or malformed file fails with what to do")
    func readFailures() throws {
        let path = NSTemporaryDirectory() + "oln-config-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: NodeError.self) { try NodeConfiguration.read(from: path) }
        try Data("{\"version\": 1, \"listen\": 3}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: NodeError.self) { try NodeConfiguration.read(from: path) }
        var future = NodeConfiguration()
        future.version = 2
        try future.json.write(to: URL(fileURLWithPath: path))
        #expect(throws: NodeError.configuration("\(path): config version 2 is not supported (this oln reads version 1)")) {
            try NodeConfiguration.read(from: path)
        }
    }
}
