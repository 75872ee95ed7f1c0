import Ledger
import Sodium

/// One node's consensus: Tendermint's algorithm ("The latest gossip on BFT consensus",
/// Buchman, Kwon and Milosevic 2018, Algorithm 1) with a round per slot, sans-IO.
///
/// Round r of a height runs in slot r and its proposer is the slot's leader. A validator
/// prevotes the proposal if it is valid and compatible with its lock, precommits (and
/// locks) once more than 2/3 of the stake prevoted it, and the height is decided by more
/// than 2/3 of the stake precommitting one batch in one round; those precommits are the
/// batch's ``FinalityCertificate``. A slot that ends undecided is skipped, and the next
/// slot is the next round; the next height starts at the slot after the decision.
/// Timeouts are parts of the slot: no proposal by half the slot, prevote nil; a split
/// prevote, precommit nil an eighth of a slot later; at the slot's end, the next round.
///
/// Inputs: ``start(now:)``, ``tick(now:)``, ``receiveProposal(_:now:)``,
/// ``receiveVote(_:now:)`` and ``receiveCertificate(_:certificate:now:)``, each with `now`
/// in milliseconds since 1970. Votes and proposals arrive decoded and signature-verified
/// (`SignedMessage.verified`, ``ProposalMessage/decode(_:chainID:)``); the machine checks
/// the rest (validator stake, slot leader, heights, windows) and verifies certificates
/// itself, each against the validator set of its own height. Outputs are
/// ``ConsensusAction``s; every call ends with a `.wakeUp`.
///
/// The validators and leaders of each height come from the executor's
/// ``BatchExecutor/schedule``, read again after every commit, so the sets change at epoch
/// boundaries exactly where the ledger says. Without a key, or at heights whose validator
/// set does not hold its key, the machine follows: it counts votes, decides and commits,
/// and signs nothing.
public struct ConsensusMachine<Executor: BatchExecutor> {
    public let configuration: ConsensusConfiguration
    /// The epoch of the height being decided: its validators weigh the votes, its leader
    /// table names the proposer of each round.
    public internal(set) var epoch: ConsensusEpoch
    var thresholds: StakeThresholds
    /// The key this node was given; it signs only at heights whose validators include it.
    let signingKey: Ed25519PrivateKey?
    /// The key that signs at the current height; nil for a follower.
    var key: Ed25519PrivateKey?
    /// This node's account address when it holds a key.
    public let address: AccountAddress?
    /// The state machine; its head is the last decided batch.
    public internal(set) var executor: Executor
    /// What the host persists; the machine's own copy.
    public internal(set) var signingState: ConsensusSigningState
    public internal(set) var statistics = ConsensusStatistics()

    /// The height being decided: the head's plus one.
    public internal(set) var height: UInt64
    /// The current round (slot); while ``step`` is `.waiting`, the first round of the height.
    public internal(set) var round: UInt64
    public internal(set) var step: ConsensusStep = .waiting
    var head: ChainHead
    var log = HeightLog()
    /// Tendermint's lockedValue/lockedRound and validValue/validRound, by batch hash.
    var locked: (slot: UInt64, batchHash: [UInt8])?
    var valid: (slot: UInt64, batchHash: [UInt8])?
    /// The prevotes of the valid value's polka, which a re-proposal carries.
    var validPolka: [SignedMessage<ConsensusVote>] = []
    var proposeDeadline: UInt64?
    var prevoteDeadline: UInt64?
    var futureVotes: [SignedMessage<ConsensusVote>] = []
    var futureProposals: [ProposalMessage] = []
    /// The first header seen per slot from its leader, to catch a second one.
    var headersBySlot: [UInt64: SignedMessage<BatchHeader>] = [:]
    var equivocationSlots: Set<UInt64> = []
    /// Precommit signatures verified for the head's decision, so that the certificate a
    /// child batch carries is not verified again.
    var headPrecommits: (vote: ConsensusVote, signatures: Set<FinalityCertificate.Signature>)?

    /// A machine for the height after `executor`'s head. `signingState` and `lock` are what
    /// this validator last persisted (nothing for a new one): the signing state keeps the
    /// machine from signing again where it signed before a restart and restores its lock;
    /// the lock restores the locked batch and its polka, so that it can be re-proposed.
    public init(configuration: ConsensusConfiguration, key: Ed25519PrivateKey?, executor: Executor,
                signingState: ConsensusSigningState = ConsensusSigningState(), lock: ConsensusLock? = nil) {
        self.configuration = configuration
        let address = key.map { AccountAddress(publicKey: $0.publicKey) }
        head = executor.head
        height = head.height + 1
        epoch = Self.epoch(forHeight: height, in: executor.schedule)
        thresholds = StakeThresholds(epoch.validators)
        signingKey = key
        self.key = Self.isMember(address, of: epoch) ? key : nil
        self.address = address
        self.executor = executor
        self.signingState = signingState
        round = head.decisionSlot + 1
        if let certificate = head.certificate {
            headPrecommits = (certificate.vote, Set(certificate.signatures))
        }
        if signingState.lockedHeight == height, let hash = signingState.lockedHash {
            locked = (signingState.lockedSlot, hash)
            if let lock { restore(lock) }
        }
    }

    /// Takes back the persisted lock's batch and polka when they match the signing state's
    /// lock and still hold: a polka of more than 2/3 of the stake for a valid batch.
    private mutating func restore(_ lock: ConsensusLock) {
        let hash = lock.batch.hash
        guard let locked, locked.slot == lock.slot, locked.batchHash == hash, batchFailure(lock.batch) == nil else { return }
        var weight: Amount = 0
        for voter in Set(lock.polkaVotes.map(\.signerAddress)) { weight += validators.stake(of: voter) }
        guard thresholds.isSupermajority(weight), executor.validate(lock.batch) else { return }
        log.batches[hash] = lock.batch
        log.validity[hash] = true
        valid = locked
        validPolka = lock.polkaVotes
    }

    /// Whether this node signs votes and proposals at the current height.
    public var isValidator: Bool { key != nil }

    /// The validators of the height being decided.
    public var validators: ValidatorSet { epoch.validators }

    /// The leader of `slot` (a round of the height being decided).
    public func leader(of slot: UInt64) -> AccountAddress { epoch.leader(slot: slot) }

    /// Takes the epoch of the height being decided from the executor's schedule, and with
    /// it the stake thresholds and whether this node signs.
    mutating func takeEpoch() {
        guard !epoch.contains(height: height) else { return }
        epoch = Self.epoch(forHeight: height, in: executor.schedule)
        thresholds = StakeThresholds(epoch.validators)
        key = Self.isMember(address, of: epoch) ? signingKey : nil
    }

    private static func epoch(forHeight height: UInt64, in schedule: ConsensusSchedule) -> ConsensusEpoch {
        guard let epoch = schedule.epoch(forHeight: height) else {
            preconditionFailure("the executor's schedule must cover the height after its head (\(height))")
        }
        return epoch
    }

    private static func isMember(_ address: AccountAddress?, of epoch: ConsensusEpoch) -> Bool {
        address.map { epoch.validators.stake(of: $0) > 0 } ?? false
    }

    /// The first call: starts the round the clock is in, if the height's first round has come.
    public mutating func start(now: UInt64) -> [ConsensusAction] {
        run(now: now) { _, _ in }
    }

    /// The clock advanced: starts rounds and fires timeouts that are due.
    public mutating func tick(now: UInt64) -> [ConsensusAction] {
        run(now: now) { _, _ in }
    }

    /// A decoded, signature-verified proposal from a peer.
    public mutating func receiveProposal(_ message: ProposalMessage, now: UInt64) -> [ConsensusAction] {
        run(now: now) { machine, actions in machine.handleProposal(message, now: now, actions: &actions) }
    }

    /// A decoded, signature-verified vote from a peer.
    public mutating func receiveVote(_ vote: SignedMessage<ConsensusVote>, now: UInt64) -> [ConsensusAction] {
        run(now: now) { machine, _ in machine.handleVote(vote) }
    }

    /// A decided batch with its certificate (from sync or a peer's announcement). For the
    /// height being decided it is verified and committed at once; for other heights it is
    /// counted (``ConsensusStatistics/certificatesAhead`` tells the host to sync).
    public mutating func receiveCertificate(_ batch: BatchMessage, certificate: FinalityCertificate, now: UInt64) -> [ConsensusAction] {
        run(now: now) { machine, actions in
            if certificate.height < machine.height {
                machine.statistics.certificatesStale += 1
            } else if certificate.height > machine.height {
                machine.statistics.certificatesAhead += 1
            } else {
                machine.commitCertified(batch, certificate: certificate, now: now, actions: &actions)
            }
        }
    }

    /// Runs an input between the clock's rules and the algorithm's, then asks for a wake-up.
    private mutating func run(now: UInt64, _ body: (inout Self, inout [ConsensusAction]) -> Void) -> [ConsensusAction] {
        var actions: [ConsensusAction] = []
        startRoundIfDue(now: now, actions: &actions)
        body(&self, &actions)
        evaluate(now: now, actions: &actions)
        actions.append(.wakeUp(at: nextWakeUp()))
        return actions
    }
}

extension ConsensusMachine: Sendable where Executor: Sendable {}
