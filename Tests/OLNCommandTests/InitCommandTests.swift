import Foundation
import Identity
import Ledger
import Testing
@testable import OLNCommand

@Suite("oln init")
struct InitCommandTests {
    @Test("init sets up a directory from a genesis file and reports the node")
    func initialize() throws {
        let path = NSTemporaryDirectory() + "oln-init-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let spec = GenesisSpec.scheduleShaped(chainID: 12, genesisTime: 1_767_225_600, address: IdentityKey().accountAddress.description)
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: path + "/genesis.json"))
        let run = CapturedRun(["init", "--dir", path + "/node", "--genesis", path + "/genesis.json", "--role", "validator",
                               "--listen", "/ip4/127.0.0.1/tcp/4101", "--json"])
        #expect(run.code == .success, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["chain_id"] as? Int == 12)
        #expect(object["roles"] as? [String] == ["relay", "validator"])
        #expect(object["listen"] as? [String] == ["/ip4/127.0.0.1/tcp/4101"])
        #expect(FileManager.default.fileExists(atPath: path + "/node/chain.sqlite"))
    }

    @Test("usage errors name the problem", arguments: [
        ["init"], ["init", "--genesis"], ["init", "--genesis", "x", "--role", "miner"],
    ])
    func usage(arguments: [String]) {
        #expect(CapturedRun(arguments).code == .usage)
    }

    @Test("a missing genesis file is a failure that names it")
    func missingGenesis() {
        let run = CapturedRun(["init", "--dir", NSTemporaryDirectory() + "oln-init-none", "--genesis", "/nonexistent.json"])
        #expect(run.code == .failure)
        #expect(run.error.contains("/nonexistent.json"))
    }
}
