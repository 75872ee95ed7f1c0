import Foundation
import Identity
import Ledger
#if canImport(Glibc)
import Glibc
#endif

/// The status of a data directory whether or not its node runs, for `oln status`: the
/// heights from the ledger, the slot and leader from the clock and the stakes, and the
/// peers and mempool from the `status.json` of a running node. A status file counts as
/// running when its process is alive and it was written within ``freshnessMilliseconds``
/// (or three slots, if longer).
public enum NodeStatusReader {
    /// How old a running node's status file may be.
    public static let freshnessMilliseconds: UInt64 = 10_000

    /// The directory's status at `now` (milliseconds since 1970).
    public static func status(of directory: NodeDirectory, now: UInt64) throws(NodeError) -> NodeStatus {
        let genesisTime = try genesisTime(of: directory)
        guard FileManager.default.fileExists(atPath: directory.chainPath) else {
            throw .dataDirectory("\(directory.chainPath) does not exist; run `oln init --dir \(directory.path)` first")
        }
        let ledger: LedgerDatabase
        let finalized: UInt64
        do {
            ledger = try LedgerDatabase(path: directory.chainPath)
            finalized = try ledger.lastArchivedBatch()?.height ?? 0
        } catch {
            throw .ledger("\(error)")
        }
        let setup = try ConsensusSetup(ledger: ledger, genesisTime: genesisTime)
        let slot = setup.slotClock.slot(atMilliseconds: now) ?? 0
        let peerID = (try? KeyFile.read(from: directory.keyPath))?.peerID.description ?? ""
        var status = NodeStatus(
            headHeight: ledger.height, finalizedHeight: finalized, slot: slot, leader: setup.leader(of: slot).description,
            peers: 0, mempool: 0, running: false, syncing: false, chainID: setup.chainID, peerID: peerID, listen: [],
            processID: nil, updatedAtMilliseconds: now)
        let freshness = max(freshnessMilliseconds, 3 * setup.slotClock.slotMilliseconds)
        if let written = NodeStatus.read(from: directory.statusPath), written.running,
           let processID = written.processID, isAlive(processID),
           now < written.updatedAtMilliseconds + freshness {
            status.peers = written.peers
            status.mempool = written.mempool
            status.syncing = written.syncing
            status.listen = written.listen
            status.processID = processID
            status.running = true
            status.api = written.api
            status.hostedAdapters = written.hostedAdapters
            status.receipts = written.receipts
            status.servedRequests = written.servedRequests
        }
        return status
    }

    static func genesisTime(of directory: NodeDirectory) throws(NodeError) -> UInt64 {
        guard let data = FileManager.default.contents(atPath: directory.genesisPath) else {
            throw .dataDirectory("cannot read \(directory.genesisPath); run `oln init --dir \(directory.path)` first")
        }
        do {
            return try GenesisSpec.decode(data).genesisTime
        } catch {
            throw .dataDirectory("\(directory.genesisPath): \(error)")
        }
    }

    /// Whether a process with this id exists (it may belong to another user).
    public static func isAlive(_ processID: Int32) -> Bool {
        guard processID > 0 else { return false }
        return kill(processID, 0) == 0 || errno == EPERM
    }
}
