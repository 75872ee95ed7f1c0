import Node

/// What `oln run` takes over config.json: flags first, then environment variables, then the
/// file. Lists are comma-separated in the environment.
///
///     --listen MULTIADDR…     OLN_LISTEN        where the node listens
///     --bootstrap MULTIADDR…  OLN_BOOTSTRAP     peers dialled at start
///     --log-level LEVEL       OLN_LOG_LEVEL     error, warning, info or debug
///     --api HOST:PORT|off     OLN_API           the HTTP API's address
///     --auto-curate / --no-auto-curate  OLN_AUTO_CURATE (1 or 0)
struct ConfigurationOverrides {
    var listen: [String] = []
    var bootstrap: [String] = []
    var logLevel: String?
    var api: String?
    var autoCurate: Bool?

    /// The flags in `parser` over the environment's variables.
    init(_ parser: inout ArgumentParser, environment: [String: String], topic: String) throws {
        while let address = try parser.takeOption("--listen", topic: topic) { listen.append(address) }
        while let address = try parser.takeOption("--bootstrap", topic: topic) { bootstrap.append(address) }
        logLevel = try parser.takeOption("--log-level", topic: topic) ?? environment["OLN_LOG_LEVEL"]
        api = try parser.takeOption("--api", topic: topic) ?? environment["OLN_API"]
        if parser.takeFlag("--auto-curate") {
            autoCurate = true
        } else if parser.takeFlag("--no-auto-curate") {
            autoCurate = false
        } else if let value = environment["OLN_AUTO_CURATE"] {
            guard value == "1" || value == "0" else { throw UsageError("OLN_AUTO_CURATE must be 1 or 0", topic: topic) }
            autoCurate = value == "1"
        }
        if listen.isEmpty, let value = environment["OLN_LISTEN"] { listen = Self.list(value) }
        if bootstrap.isEmpty, let value = environment["OLN_BOOTSTRAP"] { bootstrap = Self.list(value) }
    }

    /// `configuration` with the overrides applied; throws a usage error naming a bad value.
    func applied(to configuration: NodeConfiguration, topic: String) throws -> NodeConfiguration {
        var result = configuration
        if !listen.isEmpty { result.listen = listen }
        if !bootstrap.isEmpty { result.bootstrap = bootstrap }
        if let logLevel { result.logLevel = logLevel }
        if let autoCurate { result.autoCurate = autoCurate }
        if let api {
            guard (try? APIEndpoint.parse(api)) != nil || api == APIEndpoint.offText else {
                throw UsageError("--api (OLN_API) must be HOST:PORT or off, not '\(api)'", topic: topic)
            }
            result.api = api
        }
        if let problem = result.problem() { throw UsageError(problem, topic: topic) }
        return result
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
