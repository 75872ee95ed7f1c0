import Foundation
import Ledger
import Node

/// The curator role beside a running node: every `interval` it reads the ledger, decides
/// the pending contributions it may vote on with ``CurationPolicy`` and submits a signed
/// `CurationVote` for each through the node.
///
/// A contribution is voted on when its datanet's `curatorStakeMin` is met by the node
/// account's curator stake, it is pending with at least `windowMarginSeconds` of its window
/// left, the account neither contributed it nor has a vote on it, this service has not
/// submitted a vote on it before, and the node's blob store holds its payload (payloads not
/// yet fetched are looked at again next round). Votes pay the least fee; nonces come from
/// the ledger or one past the last used.
///
/// Rounds run on a private serial queue, which alone touches the service's ledger
/// connection and caches; the counters may be read from any thread.
///
/// "Earlier" contributions are the datanet's pending ones that joined the ledger in an
/// earlier batch (by window end, the same for one datanet's batch), and within one batch
/// those listed first by the ledger.
public final class CuratorService: @unchecked Sendable {
    /// The node the votes go through.
    public let runtime: NodeRuntime
    /// Pacing, limits and the policy's parameters.
    public let settings: CuratorSettings
    let policy: CurationPolicy
    var nonces: AccountNonces { runtime.accountNonces }
    let rounds = RoundTimer(label: "oln.curator")
    var queue: DispatchQueue { rounds.queue }

    // Queue only.
    /// A read connection to the node's ledger (it sees the node's writes: the state store
    /// drops its caches when another connection commits).
    let ledger: LedgerDatabase
    /// Contributions this service submitted a vote on, until they leave the pending state.
    var submitted: Set<[UInt8]> = []
    /// Fingerprints by content hash; nil for a payload held but not text.
    var fingerprints: [[UInt8]: PayloadFingerprint?] = [:]
    /// Content hashes of accepted contributions by contribution id.
    var acceptedContentHashes: [[UInt8]: [UInt8]] = [:]

    private let stateLock = NSLock()
    private var counts = (accepts: 0, rejects: 0, refused: 0)

    /// A curator beside `runtime`, with its own connection to the node's ledger. Nothing
    /// runs until ``start()`` (or ``curateOnce()``).
    public init(runtime: NodeRuntime, settings: CuratorSettings = CuratorSettings()) throws {
        self.runtime = runtime
        self.settings = settings
        policy = CurationPolicy(parameters: settings.policy)
        ledger = try LedgerDatabase(path: runtime.directory.chainPath)
    }

    /// Starts the rounds: the first at once, then every `interval`. Starts once.
    public func start() {
        let milliseconds = rounds.start(every: settings.interval) { [weak self] in self?.curateRound() }
        runtime.log.info("curator_started", ["interval_ms": milliseconds])
    }

    /// Stops the rounds and waits for one in progress to end. Idempotent; not to be called
    /// from the service's own queue.
    public func stop() {
        rounds.stop()
    }

    /// Runs one round now, on the service's queue, and returns the number of votes it
    /// submitted. For tests and for a caller that paces the service itself.
    @discardableResult
    public func curateOnce() -> Int {
        queue.sync { curateRound() }
    }

    /// Votes submitted and taken by the node's mempool since the service was made.
    public var voteCount: Int {
        stateLock.lock()
        defer { stateLock.unlock() }
        return counts.accepts + counts.rejects
    }

    /// Of ``voteCount``, the votes to accept.
    public var acceptVoteCount: Int {
        stateLock.lock()
        defer { stateLock.unlock() }
        return counts.accepts
    }

    /// Of ``voteCount``, the votes to reject.
    public var rejectVoteCount: Int {
        stateLock.lock()
        defer { stateLock.unlock() }
        return counts.rejects
    }

    /// Votes the node's mempool refused (their nonces were given back).
    public var refusedVoteCount: Int {
        stateLock.lock()
        defer { stateLock.unlock() }
        return counts.refused
    }

    func count(accepted: Bool?) {
        stateLock.lock()
        defer { stateLock.unlock() }
        switch accepted {
        case true?: counts.accepts += 1
        case false?: counts.rejects += 1
        case nil: counts.refused += 1
        }
    }
}
