import Foundation
import Wire

/// A node's `config.json`: where it listens, whom it dials first, what roles it takes.
public struct NodeConfiguration: Codable, Sendable, Equatable {
    /// The format of this file, for later migrations.
    public var version: Int
    /// TCP multiaddrs to listen on, e.g. `/ip4/0.0.0.0/tcp/4001`.
    public var listen: [String]
    /// Peers to dial at start, each with its `/p2p/` peer id.
    public var bootstrap: [String]
    public var roles: [NodeRole]
    /// `error`, `warning`, `info` or `debug`.
    public var logLevel: String
    /// What the host role serves (required with it).
    public var host: HostSettings?
    /// Whether a curator votes by the automatic policy (size and near-duplicate checks);
    /// otherwise it votes only by command.
    public var autoCurate: Bool
    /// Where the HTTP API listens (`HOST:PORT`, loopback by default) or `off`: the ledger
    /// and network REST routes and `/metrics` on every node, inference on a host.
    public var api: String
    /// The model with which the node audits receipts' attribution (nil: no audits).
    public var audit: AuditSettings?

    public static let currentVersion = 1
    public static let defaultListen = "/ip4/0.0.0.0/tcp/4001"
    public static let logLevels = ["error", "warning", "info", "debug"]
    /// Largest configuration file read.
    public static let byteCountMax = 1 << 20
    /// Most listen or bootstrap addresses.
    public static let addressCountMax = 64

    enum CodingKeys: String, CodingKey {
        case version, listen, bootstrap, roles, logLevel = "log_level", host, autoCurate = "auto_curate", audit, api
    }

    /// Where a host section of older versions kept the API address.
    private enum LegacyHostKeys: String, CodingKey {
        case apiHost = "api_host", apiPort = "api_port"
    }

    public init(listen: [String] = [defaultListen], bootstrap: [String] = [], roles: [NodeRole] = [.relay],
                logLevel: String = "info", host: HostSettings? = nil, autoCurate: Bool = false,
                audit: AuditSettings? = nil, api: String = APIEndpoint.standard.description) {
        version = Self.currentVersion
        self.listen = listen
        self.bootstrap = bootstrap
        self.roles = roles
        self.logLevel = logLevel
        self.host = host
        self.autoCurate = autoCurate
        self.audit = audit
        self.api = api
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        listen = try container.decode([String].self, forKey: .listen)
        bootstrap = try container.decode([String].self, forKey: .bootstrap)
        roles = try container.decode([NodeRole].self, forKey: .roles)
        logLevel = try container.decode(String.self, forKey: .logLevel)
        host = try container.decodeIfPresent(HostSettings.self, forKey: .host)
        autoCurate = try container.decodeIfPresent(Bool.self, forKey: .autoCurate) ?? false
        audit = try container.decodeIfPresent(AuditSettings.self, forKey: .audit)
        api = try container.decodeIfPresent(String.self, forKey: .api) ?? Self.legacyAPI(container)
    }

    /// The API address a host section of an older file names, else the default.
    private static func legacyAPI(_ container: KeyedDecodingContainer<CodingKeys>) throws -> String {
        guard container.contains(.host) else { return APIEndpoint.standard.description }
        let host = try container.nestedContainer(keyedBy: LegacyHostKeys.self, forKey: .host)
        let address = try host.decodeIfPresent(String.self, forKey: .apiHost) ?? APIEndpoint.standard.host
        let port = try host.decodeIfPresent(UInt16.self, forKey: .apiPort) ?? APIEndpoint.standard.port
        return APIEndpoint(host: address, port: port).description
    }

    /// Where the API listens; nil when it is off. Throws when `api` is malformed.
    public func apiEndpoint() throws(NodeError) -> APIEndpoint? {
        try APIEndpoint.parse(api)
    }

    /// Why the configuration cannot be used, or nil.
    public func problem() -> String? {
        guard version == Self.currentVersion else {
            return "config version \(version) is not supported (this oln reads version \(Self.currentVersion))"
        }
        guard !listen.isEmpty, listen.count <= Self.addressCountMax, bootstrap.count <= Self.addressCountMax else {
            return "listen needs 1 to \(Self.addressCountMax) addresses and bootstrap at most \(Self.addressCountMax)"
        }
        for address in listen + bootstrap {
            do {
                _ = try Multiaddr(address)
            } catch {
                return "\"\(address)\" is not a multiaddr: \(error)"
            }
        }
        if let address = bootstrap.first(where: { !$0.contains("/p2p/") }) {
            return "bootstrap address \(address) needs its /p2p/<peer id>"
        }
        guard Self.logLevels.contains(logLevel) else {
            return "log_level must be one of \(Self.logLevels.joined(separator: ", "))"
        }
        if roles.contains(.host) {
            guard let host else { return "the host role needs a host section (its model): oln init --role host --model FILE" }
            if let problem = host.problem() { return problem }
        }
        if let problem = audit?.problem() { return problem }
        do {
            let endpoint = try apiEndpoint()
            if endpoint == nil && roles.contains(.host) { return "the host role serves inference over the API: it cannot be off" }
        } catch {
            guard case .configuration(let detail) = error else { return "\(error)" }
            return detail
        }
        if autoCurate && !roles.contains(.curator) { return "auto_curate needs the curator role" }
        return roles.contains(.relay) ? nil : "roles must include relay: every peer relays"
    }

    /// Reads and checks the configuration at `path`.
    public static func read(from path: String) throws(NodeError) -> NodeConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("cannot read \(path); run `oln init --dir DIR` first")
        }
        guard data.count <= byteCountMax else { throw .configuration("\(path) is larger than \(byteCountMax) bytes") }
        let configuration: NodeConfiguration
        do {
            configuration = try JSONDecoder().decode(NodeConfiguration.self, from: data)
        } catch {
            throw .configuration("\(path) is not a valid configuration: \(error)")
        }
        if let problem = configuration.problem() { throw .configuration("\(path): \(problem)") }
        return configuration
    }

    /// The configuration as pretty JSON with sorted keys.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
