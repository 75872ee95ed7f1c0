import Foundation
import Ledger
import Node
import OpenLoRA
import Tokenizers

/// Attribution audits beside a running node: every `interval` it reads the finalized
/// batches after its cursor and, for each inference receipt of another host on an adapter of
/// this node's base model, re-verifies the attribution from the host's reveal — span/1
/// receipts always (tier 1), influence/1 receipts when the batch seed samples them and draws
/// this node's account among their auditors (tier 2). A mismatch, or a reveal missing after
/// the grace period, is challenged with this node's recomputation as the correction and a
/// bond of `challenge_bond_min`; every challenge of a receipt this node can recompute gets
/// its vote, uphold when the recomputation disagrees (or the reveal never came), dismiss
/// when it agrees, if the node's account is a validator and neither the host nor the
/// challenger.
///
/// Rounds run on a private serial queue, which alone touches the service's ledger
/// connection and state; the counts may be read from any thread. The cursor is kept in
/// DATADIR/audit/cursor.
public final class AuditorService: @unchecked Sendable {
    /// The node the challenges and votes go through.
    public let runtime: NodeRuntime
    public let settings: AuditorSettings
    let recomputer: AttributionRecomputer
    var nonces: AccountNonces { runtime.accountNonces }
    let rounds = RoundTimer(label: "oln.auditor")
    var queue: DispatchQueue { rounds.queue }
    let cursorPath: String

    // Queue only.
    let ledger: LedgerDatabase
    /// The next finalized height to read.
    var nextHeight: UInt64
    /// Receipts and challenges waiting, oldest first.
    var pending: [AuditItem] = []
    /// Findings by receipt id, for votes on later challenges.
    var findings: [[UInt8]: AuditFinding] = [:]

    private let stateLock = NSLock()
    private var currentCounts = AuditCounts()

    /// An auditor beside `runtime` for adapters on the base model `baseModelHash` (`model`:
    /// tier 2 too; nil: tier 1 only), with its own connection to the node's ledger. Nothing
    /// runs until ``start()`` (or ``auditOnce()``).
    public init(runtime: NodeRuntime, tokenizer: Tokenizer, model: LlamaModel?, baseModelHash: [UInt8],
                settings: AuditorSettings = AuditorSettings()) throws {
        self.runtime = runtime
        self.settings = settings
        let folder = (runtime.directory.path as NSString).appendingPathComponent("audit")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cursorPath = (folder as NSString).appendingPathComponent("cursor")
        recomputer = AttributionRecomputer(blobs: runtime.blobs, tokenizer: tokenizer, model: model,
                                           baseModelHash: baseModelHash,
                                           adaptersPath: (folder as NSString).appendingPathComponent("adapters"))
        ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        nextHeight = try AuditCursor.read(cursorPath) ?? 1
    }

    /// Starts the rounds: the first at once, then every `interval`. Starts once.
    public func start() {
        let from = nextHeight
        let milliseconds = rounds.start(every: settings.interval) { [weak self] in self?.auditRound() }
        runtime.log.info("auditor_started", ["interval_ms": milliseconds, "from_height": from,
                                             "tier2": recomputer.checksInfluence])
    }

    /// Stops the rounds and waits for one in progress to end. Idempotent; not to be called
    /// from the service's own queue.
    public func stop() {
        rounds.stop()
    }

    /// Runs one round now, on the service's queue. For tests and for a caller that paces
    /// the service itself.
    public func auditOnce() {
        queue.sync { auditRound() }
    }

    /// What the service did so far.
    public var counts: AuditCounts {
        stateLock.lock()
        defer { stateLock.unlock() }
        return currentCounts
    }

    /// The next finalized height the service reads (what the cursor file holds after a round).
    public var cursor: UInt64 {
        queue.sync { nextHeight }
    }

    func count(_ change: (inout AuditCounts) -> Void) {
        stateLock.lock()
        defer { stateLock.unlock() }
        change(&currentCounts)
    }
}
