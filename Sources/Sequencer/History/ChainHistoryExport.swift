import Foundation
import Ledger

/// Writes a ledger's archive of finalized batches as a chain history file.
public enum ChainHistoryExport {
    /// The history from `height` on (1 for all of it) as file bytes.
    public static func bytes(of ledger: LedgerDatabase, from height: UInt64 = 1) throws -> [UInt8] {
        guard let chainID = ledger.chainID, let genesisHash = ledger.genesisHash else { throw LedgerError.notInitialized }
        var bytes = ChainHistoryFile.header(chainID: chainID, genesisHash: genesisHash)
        var next = max(height, 1)
        while true {
            let batches = try ledger.archivedBatches(from: next, count: LedgerDatabase.archiveReadCountMax)
            guard let last = batches.last else { break }
            for archived in batches { bytes += ChainHistoryFile.record(archived) }
            next = last.height + 1
        }
        return bytes
    }

    /// Writes the history to `path` through a temporary file, so that a reader never sees
    /// half a file. Returns the number of batches written.
    @discardableResult
    public static func write(_ ledger: LedgerDatabase, to path: String, from height: UInt64 = 1) throws -> Int {
        let bytes = try bytes(of: ledger, from: height)
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        return try ChainHistoryFile.records(bytes).count
    }
}
