import Foundation
import Identity
import Ledger
import Node
import Testing
@testable import OLNCommand

@Suite("oln chain")
struct ChainCommandTests {
    private func initializedDirectory(_ root: String, name: String, spec: String) -> String {
        let directory = root + "/" + name
        let run = CapturedRun(["init", "--dir", directory, "--genesis", spec])
        #expect(run.code == .success, "\(run.error)")
        return directory
    }

    @Test("export then import between two directories of the same chain")
    func exportImport() throws {
        let root = NSTemporaryDirectory() + "oln-chain-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spec = GenesisSpec.scheduleShaped(chainID: 31, genesisTime: 1_767_225_600, address: IdentityKey().accountAddress.description)
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: root + "/genesis.json"))
        let first = initializedDirectory(root, name: "a", spec: root + "/genesis.json")
        let second = initializedDirectory(root, name: "b", spec: root + "/genesis.json")
        let exported = CapturedRun(["chain", "export", root + "/history.oln", "--dir", first])
        #expect(exported.code == .success, "\(exported.error)")
        #expect(exported.output.contains("wrote 0 finalized batches"))
        let imported = CapturedRun(["chain", "import", root + "/history.oln", "--dir", second])
        #expect(imported.code == .success, "\(imported.error)")
        #expect(imported.output.contains("applied 0 batches, 0 already held; height 0"))
        let lock = try DirectoryLock(directory: NodeDirectory(path: second))
        let whileLocked = CapturedRun(["chain", "import", root + "/history.oln", "--dir", second])
        #expect(whileLocked.code == .failure && whileLocked.error.contains("is in use"), "not while a node writes the ledger")
        lock.release()
    }

    @Test("a history of another chain, a missing ledger and bad usage are refused")
    func refusals() throws {
        let root = NSTemporaryDirectory() + "oln-chain-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, chainID) in [("a", UInt64(41)), ("b", UInt64(42))] {
            let spec = GenesisSpec.scheduleShaped(chainID: chainID, genesisTime: 0, address: IdentityKey().accountAddress.description)
            try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: root + "/\(name).json"))
            _ = initializedDirectory(root, name: name, spec: root + "/\(name).json")
        }
        #expect(CapturedRun(["chain", "export", root + "/a.oln", "--dir", root + "/a"]).code == .success)
        let foreign = CapturedRun(["chain", "import", root + "/a.oln", "--dir", root + "/b"])
        #expect(foreign.code == .failure)
        #expect(foreign.error.contains("another chain"))
        let missing = CapturedRun(["chain", "export", root + "/x.oln", "--dir", root + "/none"])
        #expect(missing.code == .failure)
        #expect(missing.error.contains("oln init"))
        for arguments in [["chain"], ["chain", "bogus"], ["chain", "export", "--dir", root + "/a"],
                          ["chain", "export", "f", "--dir", root + "/a", "--from", "0"]] {
            #expect(CapturedRun(arguments).code == .usage, "\(arguments)")
        }
    }
}
