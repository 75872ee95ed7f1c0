import Foundation
import Identity
import Ledger
import Testing
@testable import Node

@Suite("NodeDirectory")
struct NodeDirectoryTests {
    static func genesisSpec(chainID: UInt64 = 5) throws -> Data {
        let address = IdentityKey().accountAddress.description
        return try JSONEncoder().encode(GenesisSpec.scheduleShaped(chainID: chainID, genesisTime: 1_767_225_600, address: address))
    }

    @Test("initialize writes key, configuration, genesis and ledger; again it keeps the key")
    func initialize() throws {
        let path = NSTemporaryDirectory() + "oln-node-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = NodeDirectory(path: path)
        let spec = try Self.genesisSpec()
        let first = try directory.initialize(genesisSpec: spec, configuration: NodeConfiguration(), overwritingConfiguration: false)
        #expect(first.keyCreated)
        for file in [directory.keyPath, directory.configurationPath, directory.genesisPath, directory.chainPath] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
        }
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o777 } == 0o700)
        #expect(try NodeConfiguration.read(from: directory.configurationPath) == NodeConfiguration())
        #expect(throws: NodeError.self) {
            try directory.initialize(genesisSpec: spec, configuration: NodeConfiguration(), overwritingConfiguration: false)
        }
        let second = try directory.initialize(genesisSpec: spec, configuration: NodeConfiguration(roles: [.relay, .validator]),
                                              overwritingConfiguration: true)
        #expect(!second.keyCreated)
        #expect(second.key.peerID == first.key.peerID)
        #expect(try LedgerDatabase(path: directory.chainPath).genesisHash == first.genesis.hash)
    }

    @Test("a directory of one chain refuses another chain's genesis")
    func otherChain() throws {
        let path = NSTemporaryDirectory() + "oln-node-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = NodeDirectory(path: path)
        _ = try directory.initialize(genesisSpec: try Self.genesisSpec(chainID: 5), configuration: NodeConfiguration(),
                                     overwritingConfiguration: false)
        #expect(throws: LedgerError.self) {
            try directory.initialize(genesisSpec: try Self.genesisSpec(chainID: 6), configuration: NodeConfiguration(),
                                     overwritingConfiguration: true)
        }
    }
}
