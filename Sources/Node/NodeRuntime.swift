import Foundation
import Gossip
import IO
import Identity
import Ledger
import Network
import P2P
import Sequencer
import Sodium
import Wire

/// One running peer: the data directory's ledger, key and configuration, a gossipsub node
/// on the configured listen addresses, and the consensus machine fed from gossip and sync.
///
/// Everything after ``start()`` happens on one event-loop thread: gossip validators and
/// deliveries, the machine's inputs and actions, timers, sync streams and ledger writes.
/// The machine's signing state and lock are written durably before any message that
/// relies on them leaves. ``stop()`` (from any thread, for SIGINT/SIGTERM) runs between two
/// loop callbacks, so a batch is applied whole (one SQLite transaction) or not at all.
public final class NodeRuntime: @unchecked Sendable {
    /// How a runtime logs and paces itself.
    public struct Options: Sendable {
        public var log: NodeLog
        /// Whether `status.json` is written each slot.
        public var writesStatusFile = true
        /// The wall clock in milliseconds since 1970 (slots are counted from it).
        public var clock: @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970 * 1_000)) }
        /// How often bootstrap peers that are not connected are dialled again.
        public var redialInterval: Duration = .seconds(5)
        /// How long a sync request may wait for its response.
        public var syncTimeout: Duration = .seconds(10)
        /// The configuration to run with instead of the directory's config.json (flags and
        /// environment variables applied over it); checked like the file.
        public var configuration: NodeConfiguration?

        public init(log: NodeLog = .silent) {
            self.log = log
        }
    }

    /// Own votes kept for re-sending while the height does not move.
    static let recentVoteCountMax = 4
    /// Proposed batches kept for certificates that arrive without their batch.
    static let recentBatchCountMax = 16

    public let directory: NodeDirectory
    public let configuration: NodeConfiguration
    public let identity: IdentityKey
    public let setup: ConsensusSetup
    public let topics: ChainTopics
    let options: Options
    public var log: NodeLog { options.log }
    let loop: EventLoop
    let gossip: GossipNode
    let pool: SharedMempool
    let decodedProposals = DecodedProposals()
    /// Transactions verified from gossip, whose signatures a proposal carrying them need not
    /// have checked again.
    let verifiedTransactions = VerifiedEnvelopes(capacity: NodeRuntime.verifiedTransactionCountMax)
    /// The most verified transaction envelopes remembered (a few batches' worth).
    static let verifiedTransactionCountMax = 65_536
    var machine: ConsensusMachine<NodeBatchExecutor>
    var bootstrap: [Multiaddr] = []

    // Loop thread only.
    var wakeUpTimer: TimerHandle?
    var slotTimer: TimerHandle?
    var redialTimer: TimerHandle?
    var connections: [ConnectionID: PeerID] = [:]
    var recentBatches: [[UInt8]: BatchMessage] = [:]
    var recentVotes: [SignedMessage<ConsensusVote>] = []
    var heightAtLastSlot: UInt64 = 0
    var decisionHandedInSlot: UInt64?
    var syncStreams: [SyncStream.Key: SyncStream] = [:]
    var sync = SyncClient()
    var blobStreams: [SyncStream.Key: BlobStream] = [:]
    var blobFetcher = BlobFetcher()
    /// Request/response protocols served (registered before `start`), their streams both
    /// ways, and their counters (any thread).
    var requestServices: [String: RequestService] = [:]
    var requestStreams: [SyncStream.Key: RequestStream] = [:]
    let requestCounterTable = RequestCounterTable()
    /// The content-addressed payloads and adapters this node holds and serves.
    public let blobs: BlobStore
    /// The node account's nonces for what its services sign (host receipts and listings,
    /// curator votes).
    public let accountNonces = AccountNonces()
    /// What the host role reports into the status (set before `start`; called on the loop thread).
    public var hostReport: (@Sendable () -> HostReport)?
    /// Where the node's HTTP API listens (`http://host:port`), for the status (set before
    /// `start`; called on the loop thread); nil without an API.
    public var apiAddress: (@Sendable () -> String?)?
    var isStopping = false
    var dialable: [Multiaddr] = []

    private let stateLock = NSLock()
    private var snapshot: NodeStatus
    private var gossipSnapshot = GossipCounters()
    private var stopRequested = false
    private var started = false
    /// Held from `init` until `stop` has finished (the loop, and with it every ledger
    /// write, has ended), so that the ledger read at `init` stays this node's alone.
    private let directoryLock: DirectoryLock
    private let stoppedSignal = DispatchSemaphore(value: 0)

    /// Opens a data directory made by `oln init`: configuration, key, genesis, ledger, and
    /// the signing state and lock a validator left. Nothing runs until ``start()``. Takes
    /// the directory's lock (`DirectoryLock`) until ``stop()``: a directory that another
    /// node or an import is using is a `.dataDirectory` error.
    public init(directory: NodeDirectory, options: Options = Options()) throws(NodeError) {
        self.directory = directory
        self.options = options
        if let given = options.configuration {
            if let problem = given.problem() { throw .configuration(problem) }
            configuration = given
        } else {
            configuration = try NodeConfiguration.read(from: directory.configurationPath)
        }
        directoryLock = try DirectoryLock(directory: directory)
        blobs = try BlobStore(root: directory.blobsPath)
        do {
            identity = try KeyFile.read(from: directory.keyPath)
        } catch {
            throw .dataDirectory("cannot read the key \(directory.keyPath): \(error)")
        }
        let ledger: LedgerDatabase
        do {
            // The only writer (it holds the directory's lock); each batch commits in the
            // background while the loop goes on.
            ledger = try LedgerDatabase(path: directory.chainPath, isSoleWriter: true, commitInBackground: true)
        } catch {
            throw .ledger("\(directory.chainPath): \(error)")
        }
        setup = try ConsensusSetup(ledger: ledger, genesisTime: try NodeStatusReader.genesisTime(of: directory))
        topics = ChainTopics(chainID: setup.chainID)
        pool = SharedMempool()
        let (signingState, lock) = try Self.storedSigning(in: directory, chainID: setup.chainID)
        let executor: NodeBatchExecutor
        do {
            executor = try NodeBatchExecutor(ledger: ledger, account: identity.accountAddress, pool: pool,
                                             proposes: configuration.roles.contains(.sequencer))
        } catch {
            throw .ledger("\(error)")
        }
        let key = configuration.roles.contains(.validator) ? identity.privateKey : nil
        machine = ConsensusMachine(configuration: setup.configuration, key: key, executor: executor,
                                   signingState: signingState, lock: lock)
        do {
            loop = try EventLoop()
        } catch {
            throw .network("cannot create the event loop: \(error)")
        }
        gossip = GossipNode(loop: loop, identity: identity, hostConfiguration: Self.hostConfiguration(),
                            routerConfiguration: Self.routerConfiguration(setup: setup, topics: topics),
                            seed: SecureRandom.bytes(count: 8).reduce(0) { $0 << 8 | UInt64($1) })
        for text in configuration.bootstrap {
            guard let address = try? Multiaddr(text) else { continue }
            bootstrap.append(address)
        }
        snapshot = NodeStatus(
            headHeight: executor.head.height, finalizedHeight: executor.head.height, slot: 0, leader: "", peers: 0,
            mempool: 0, running: false, syncing: false, chainID: setup.chainID, peerID: identity.peerID.description,
            listen: [], processID: nil, updatedAtMilliseconds: 0)
    }

    /// The signing state and lock a validator stored; nothing for a new one. A file that
    /// exists but does not decode stops the node: signing without it could sign twice.
    static func storedSigning(in directory: NodeDirectory, chainID: UInt64) throws(NodeError) -> (ConsensusSigningState, ConsensusLock?) {
        var state = ConsensusSigningState()
        var lock: ConsensusLock?
        if let bytes = try DurableFile.read(directory.signingStatePath) {
            do {
                state = try ConsensusSigningState.decode(bytes)
            } catch {
                throw .signingState("\(directory.signingStatePath) is damaged (\(error)); restore it from a backup, "
                                    + "or remove it only if this key has never signed on this chain")
            }
        }
        if let bytes = try DurableFile.read(directory.lockPath) {
            do {
                lock = try ConsensusLock.decode(bytes, chainID: chainID)
            } catch {
                throw .signingState("\(directory.lockPath) is damaged (\(error)); restore it from a backup")
            }
        }
        return (state, lock)
    }

    static func hostConfiguration() -> HostConfiguration {
        var configuration = HostConfiguration()
        configuration.connection.inboundProtocols.insert(SyncStream.protocolID)
        configuration.connection.inboundProtocols.insert(BlobStream.protocolID)
        return configuration
    }

    static func routerConfiguration(setup: ConsensusSetup, topics: ChainTopics) -> GossipRouterConfiguration {
        var configuration = GossipRouterConfiguration()
        configuration.topicOptions = topics.topicOptions
        // Transactions wait for their sliced validator (`installValidators`): room for a
        // flood as large as the mempool's ready limit.
        configuration.validationCountMax = MempoolLimits.standard.readyMax
        // Choking (docs/gossip.md, "Choking") in the transaction topic alone: transactions
        // are most of the traffic and can wait a round trip; proposals, votes and
        // certificates cannot. A mesh no larger than the peers kept unchoked measures nothing.
        configuration.chokesMeshPeers = true
        configuration.chokingTopics = [topics.transactions]
        configuration.scoreParameters = .olnDefaults(topics: topics.scoreProfiles(
            slotMilliseconds: setup.slotClock.slotMilliseconds, validatorCount: setup.validators.members.count))
        return configuration
    }

    /// Starts the loop thread, listens, joins the topics, dials the bootstrap peers and
    /// starts consensus. Returns the addresses peers can dial (with `/p2p/<peer id>`).
    @discardableResult
    public func start() throws(NodeError) -> [Multiaddr] {
        stateLock.lock()
        precondition(!started, "a node runtime starts once")
        precondition(directoryLock.isHeld, "a stopped node runtime does not start again")
        started = true
        stateLock.unlock()
        loop.start()
        let result: Result<[Multiaddr], NodeError> = onLoop { runtime in
            do throws(NodeError) {
                return .success(try runtime.startOnLoop())
            } catch {
                return .failure(error)
            }
        } ?? .failure(.network("the event loop stopped"))
        switch result {
        case .success(let addresses):
            return addresses
        case .failure(let error):
            stop()
            throw error
        }
    }

    /// Stops the node from any thread and waits until it has: consensus and timers stop,
    /// connections close, the loop ends, and `status.json` says the node is not running.
    /// Idempotent.
    public func stop() {
        stateLock.lock()
        let first = !stopRequested && started
        stopRequested = true
        if !started { directoryLock.release() }
        stateLock.unlock()
        guard first else { return }
        loop.execute { [self] in shutdownOnLoop() }
        loop.stop()
        // The loop has ended: the last batch's commit is waited for before the lock goes.
        do {
            try machine.executor.ledger.finishPendingCommit()
        } catch {
            log.error("the last batch was not committed", ["error": "\(error)"])
        }
        var final = status
        final.running = false
        final.peers = 0
        final.processID = nil
        final.updatedAtMilliseconds = options.clock()
        updateSnapshot(final)
        if options.writesStatusFile {
            try? DurableFile.write(Array(final.json.utf8), to: directory.statusPath, synchronous: false)
        }
        log.info("stopped", ["height": final.headHeight])
        directoryLock.release()
        stoppedSignal.signal()
    }

    /// Whether ``start()`` was called. Any thread.
    var hasStarted: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return started
    }

    /// Blocks until ``stop()`` has finished (called by a signal handler, or by the node
    /// itself after a fatal error).
    public func waitUntilStopped() {
        stoppedSignal.wait()
        stoppedSignal.signal()
    }

    /// The latest status, updated each slot and after each batch. Any thread.
    public var status: NodeStatus {
        stateLock.lock()
        defer { stateLock.unlock() }
        return snapshot
    }

    /// The gossip counters as of the last status (each slot and after each batch). Any thread.
    public var gossipCounters: GossipCounters {
        stateLock.lock()
        defer { stateLock.unlock() }
        return gossipSnapshot
    }

    func updateSnapshot(_ status: NodeStatus) {
        let counters = GossipCounters(gossip.router.statistics)
        stateLock.lock()
        snapshot = status
        gossipSnapshot = counters
        stateLock.unlock()
    }

    /// Runs `body` on the loop thread and returns its result; nil once the loop stopped.
    func onLoop<Value>(_ body: @escaping (NodeRuntime) -> Value) -> Value? {
        precondition(!loop.isOnLoopThread, "NodeRuntime.onLoop called on the loop thread")
        nonisolated(unsafe) var value: Value?
        nonisolated(unsafe) let work = body
        let done = DispatchSemaphore(value: 0)
        let queued = loop.execute { [self] in
            value = work(self)
            done.signal()
        }
        guard queued else { return nil }
        done.wait()
        return value
    }

    /// Offers a transaction as if it came from gossip and publishes it to peers; returns
    /// whether the mempool took it. Any thread.
    @discardableResult
    public func submit(_ transaction: SignedTransaction) -> Bool {
        onLoop { runtime in
            guard runtime.admit(transaction) == .accept else { return false }
            runtime.publish(transaction.envelopeBytes, on: runtime.topics.transactions)
            return true
        } ?? false
    }

    /// Offers many transactions at once (one trip to the loop thread) and publishes those
    /// the mempool took; returns how many it took. Any thread.
    @discardableResult
    public func submit(_ transactions: [SignedTransaction]) -> Int {
        onLoop { runtime in
            var taken = 0
            for transaction in transactions where runtime.admit(transaction) == .accept {
                runtime.publish(transaction.envelopeBytes, on: runtime.topics.transactions)
                taken += 1
            }
            return taken
        } ?? 0
    }

    /// The current time in milliseconds since 1970.
    var now: UInt64 { options.clock() }

    /// The slot the clock is in.
    var currentSlot: UInt64 { setup.slotClock.slot(atMilliseconds: now) ?? 0 }
}
