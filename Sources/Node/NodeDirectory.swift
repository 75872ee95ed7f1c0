import Foundation
import Identity
import Ledger
import Sodium

/// A node's data directory and what `oln init` puts in it.
public struct NodeDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var keyPath: String { file("node.key") }
    public var configurationPath: String { file("config.json") }
    public var genesisPath: String { file("genesis.json") }
    public var chainPath: String { file("chain.sqlite") }
    /// The validator's last signed position and lock (`ConsensusSigningState`), kept durably.
    public var signingStatePath: String { file("consensus.state") }
    /// The validator's locked batch with its polka (`ConsensusLock`), kept durably.
    public var lockPath: String { file("consensus.lock") }
    /// What a running node reports each slot (`NodeStatus`), for `oln status`.
    public var statusPath: String { file("status.json") }
    /// Locked by the one process writing the ledger (`DirectoryLock`); holds its process id.
    public var lockFilePath: String { file("oln.lock") }
    /// Content-addressed payloads and adapters (`BlobStore`).
    public var blobsPath: String { file("blobs") }
    /// ModelFactory's training jobs, one folder each.
    public var trainingPath: String { file("training") }
    /// The bearer token of the HTTP API's write and admin routes (mode 0600).
    public var apiTokenPath: String { file("api.token") }
    /// Adapters unpacked from their bundles for serving, one folder per hash.
    public var adaptersPath: String { file("adapters") }

    /// The API token, made (32 random bytes, hexadecimal) when the file does not exist.
    public func apiToken() throws(NodeError) -> String {
        if let bytes = try DurableFile.read(apiTokenPath) {
            let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 32 else { throw .dataDirectory("\(apiTokenPath) holds no token; delete it to make one") }
            return token
        }
        let token = SecureRandom.bytes(count: 32).map { String(format: "%02x", $0) }.joined()
        try DurableFile.write(Array((token + "\n").utf8), to: apiTokenPath)
        return token
    }

    private func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// What `initialize` made or found.
    public struct Summary: Sendable {
        public let key: IdentityKey
        public let keyCreated: Bool
        public let genesis: Genesis
        public let configuration: NodeConfiguration
    }

    /// Sets up the directory: creates it (0700), a key unless one exists, the configuration
    /// (refusing to replace one unless `overwritingConfiguration`), the genesis copy and the
    /// ledger at genesis. Running it again with the same genesis changes nothing else.
    public func initialize(genesisSpec: Data, configuration: NodeConfiguration,
                           overwritingConfiguration: Bool) throws -> Summary {
        if let problem = configuration.problem() { throw NodeError.configuration(problem) }
        let genesis = try Genesis(spec: GenesisSpec.decode(genesisSpec))
        let manager = FileManager.default
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        if manager.fileExists(atPath: configurationPath) && !overwritingConfiguration {
            throw NodeError.dataDirectory("\(configurationPath) exists; pass --force to replace it")
        }
        let keyCreated = !manager.fileExists(atPath: keyPath)
        if keyCreated { try KeyFile.write(IdentityKey(), to: keyPath, overwrite: false) }
        let key = try KeyFile.read(from: keyPath)
        let ledger = try LedgerDatabase(path: chainPath)
        try ledger.initialize(with: genesis)
        try genesisSpec.write(to: URL(fileURLWithPath: genesisPath), options: .atomic)
        try configuration.json.write(to: URL(fileURLWithPath: configurationPath), options: .atomic)
        return Summary(key: key, keyCreated: keyCreated, genesis: genesis, configuration: configuration)
    }
}
