import Foundation
import Identity
import Ledger
import Testing
@testable import Node

@Suite("NodeStatus")
struct NodeStatusTests {
    static func directory() throws -> (NodeDirectory, GenesisSpec) {
        let path = NSTemporaryDirectory() + "oln-status-\(UUID().uuidString)"
        let directory = NodeDirectory(path: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let key = IdentityKey()
        try KeyFile.write(key, to: directory.keyPath, overwrite: false)
        let spec = GenesisSpec.scheduleShaped(chainID: 12, genesisTime: 1_767_225_600, address: key.accountAddress.description,
                                              validators: [key.accountAddress.description], parameters: ["slot_milliseconds": "500"])
        _ = try directory.initialize(genesisSpec: try JSONEncoder().encode(spec), configuration: NodeConfiguration(),
                                     overwritingConfiguration: false)
        return (directory, spec)
    }

    @Test("the JSON keys are the documented snake-case ones")
    func keys() throws {
        let status = NodeStatus(headHeight: 3, finalizedHeight: 3, slot: 9, leader: "0x01", peers: 2, mempool: 5,
                                running: true, syncing: false, chainID: 4, peerID: "12D3", listen: ["/ip4/127.0.0.1/tcp/1"],
                                processID: 42, updatedAtMilliseconds: 7)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["head_height", "finalized_height", "slot", "leader", "peers", "mempool", "running",
                                     "syncing", "chain_id", "peer_id", "listen", "pid", "updated_at_ms"])
        #expect(object["head_height"] as? Int == 3 && object["mempool"] as? Int == 5)
    }

    @Test("without a running node: heights from the ledger, slot and leader from the clock, no peers")
    func notRunning() throws {
        let (directory, spec) = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let now = (spec.genesisTime + 10) * 1_000 + 250
        let status = try NodeStatusReader.status(of: directory, now: now)
        #expect(status.slot == 20)
        #expect(status.leader == spec.stakes[0].address)
        #expect(!status.running && status.peers == 0 && status.mempool == 0 && status.headHeight == 0)
        #expect(status.chainID == 12)
    }

    @Test("a fresh status.json of a live process counts; a stale one or a dead process does not")
    func runningFile() throws {
        let (directory, spec) = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let now = (spec.genesisTime + 100) * 1_000
        var written = NodeStatus(headHeight: 0, finalizedHeight: 0, slot: 0, leader: "", peers: 3, mempool: 8, running: true,
                                 syncing: true, chainID: 12, peerID: "", listen: ["/ip4/127.0.0.1/tcp/4101/p2p/x"],
                                 processID: getpid(), updatedAtMilliseconds: now - 1_000)
        try DurableFile.write(Array(written.json.utf8), to: directory.statusPath)
        let live = try NodeStatusReader.status(of: directory, now: now)
        #expect(live.running && live.peers == 3 && live.mempool == 8 && live.syncing && live.listen.count == 1)
        let stale = try NodeStatusReader.status(of: directory, now: now + NodeStatusReader.freshnessMilliseconds)
        #expect(!stale.running && stale.peers == 0)
        written.processID = Int32.max
        try DurableFile.write(Array(written.json.utf8), to: directory.statusPath)
        #expect(try !NodeStatusReader.status(of: directory, now: now).running)
    }

    @Test("a directory that was never initialized says what to do")
    func missing() {
        let directory = NodeDirectory(path: NSTemporaryDirectory() + "oln-missing-\(UUID().uuidString)")
        #expect(throws: NodeError.self) { try NodeStatusReader.status(of: directory, now: 0) }
    }
}
