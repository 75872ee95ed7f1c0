import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The status a running node reports. Loop thread.
extension NodeRuntime {
    /// Takes the status now.
    func currentStatus() -> NodeStatus {
        let slot = currentSlot
        let height = machine.executor.head.height
        var status = NodeStatus(
            headHeight: height, finalizedHeight: height, slot: slot, leader: setup.leader(of: slot).description,
            peers: Set(connections.values).count, mempool: pool.mempool.count, running: !isStopping, syncing: sync.isBusy,
            chainID: setup.chainID, peerID: identity.peerID.description, listen: dialable.map(\.description),
            processID: getpid(), updatedAtMilliseconds: now)
        status.api = apiAddress?()
        if let report = hostReport?() {
            status.hostedAdapters = report.adapters
            status.receipts = report.receipts
            status.servedRequests = report.servedRequests
        }
        return status
    }

    func refreshSnapshot() {
        updateSnapshot(currentStatus())
    }

    /// Updates the snapshot and writes `status.json` (replaced whole, not flushed: it is
    /// rewritten every slot).
    func publishStatus() {
        let status = currentStatus()
        updateSnapshot(status)
        guard options.writesStatusFile else { return }
        do {
            try DurableFile.write(Array(status.json.utf8), to: directory.statusPath, synchronous: false)
        } catch {
            log.warning("status_write_failed", ["reason": error])
        }
    }
}
