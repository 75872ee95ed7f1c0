import Node
import Testing
@testable import OLNCommand

@Suite("ConfigurationOverrides")
struct ConfigurationOverridesTests {
    static let file = NodeConfiguration(listen: ["/ip4/0.0.0.0/tcp/4001"], roles: [.relay, .curator],
                                        host: nil, autoCurate: false)

    @Test("flags beat environment variables, which beat config.json")
    func precedence() throws {
        var parser = ArgumentParser(["--listen", "/ip4/127.0.0.1/tcp/5001", "--log-level", "debug"])
        let environment = ["OLN_LISTEN": "/ip4/127.0.0.1/tcp/6001", "OLN_LOG_LEVEL": "warning",
                           "OLN_BOOTSTRAP": "/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWEA4UW3ZHMBSd6jyp1Bj5YxyNp2eVyU9hpGYmVz9s8q1A, ",
                           "OLN_AUTO_CURATE": "1"]
        let overrides = try ConfigurationOverrides(&parser, environment: environment, topic: "run")
        try parser.finish(topic: "run")
        let configuration = try overrides.applied(to: Self.file, topic: "run")
        #expect(configuration.listen == ["/ip4/127.0.0.1/tcp/5001"])
        #expect(configuration.logLevel == "debug")
        #expect(configuration.bootstrap == ["/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWEA4UW3ZHMBSd6jyp1Bj5YxyNp2eVyU9hpGYmVz9s8q1A"])
        #expect(configuration.autoCurate)
        #expect(configuration.api == APIEndpoint.standard.description)
    }

    @Test("--api and OLN_API move the API or turn it off, for any role")
    func api() throws {
        var parser = ArgumentParser(["--api", "[::1]:9000"])
        let moved = try ConfigurationOverrides(&parser, environment: ["OLN_API": "off"], topic: "run")
            .applied(to: Self.file, topic: "run")
        #expect(try moved.apiEndpoint() == APIEndpoint(host: "::1", port: 9000))
        var empty = ArgumentParser([])
        let off = try ConfigurationOverrides(&empty, environment: ["OLN_API": "off"], topic: "run")
            .applied(to: Self.file, topic: "run")
        #expect(try off.apiEndpoint() == nil)
    }

    @Test("without flags or variables the file stands")
    func fileStands() throws {
        var parser = ArgumentParser([])
        let configuration = try ConfigurationOverrides(&parser, environment: [:], topic: "run").applied(to: Self.file, topic: "run")
        #expect(configuration == Self.file)
    }

    @Test("bad values are usage errors", arguments: [
        (["--api", "127.0.0.1"], [String: String]()),                        // no port
        ([], ["OLN_API": "localhost:http"]),
        ([], ["OLN_AUTO_CURATE": "yes"]),
        (["--listen", "not-a-multiaddr"], [String: String]()),
        ([], ["OLN_LOG_LEVEL": "loud"]),
    ])
    func refused(arguments: [String], environment: [String: String]) {
        #expect(throws: UsageError.self) {
            var parser = ArgumentParser(arguments)
            let overrides = try ConfigurationOverrides(&parser, environment: environment, topic: "run")
            _ = try overrides.applied(to: Self.file, topic: "run")
        }
    }
}
