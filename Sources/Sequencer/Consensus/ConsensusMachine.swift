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
/// against the validator set itself. Outputs are ``ConsensusAction``s; every call ends
/// with a `.wakeUp`.
///
/// Without a key, or with a key outside the validator set, the machine follows: it
/// counts votes, decides and commits, and signs nothing.
public struct ConsensusMachine<Executor: BatchExecutor> {
    public let configuration: ConsensusConfiguration
    let thresholds: StakeThresholds
    /// This validator's key; nil for a follower.
    let key: Ed25519PrivateKey?
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
        thresholds = StakeThresholds(configuration.validators)
        let address = key.map { AccountAddress(publicKey: $0.publicKey) }
        let isValidator = address.map { configuration.validators.stake(of: $0) > 0 } ?? false
        self.key = isValidator ? key : nil
        self.address = address
        self.executor = executor
        self.signingState = signingState
        head = executor.head
        height = head.height + 1
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
        for voter in Set(lock.polkaVotes.map(\.signerAddress)) { weight += configuration.validators.stake(of: voter) }
        guard thresholds.isSupermajority(weight), executor.validate(lock.batch) else { return }
        log.batches[hash] = lock.batch
        log.validity[hash] = true
        valid = locked
        validPolka = lock.polkaVotes
    }

    /// Whether this node signs votes and proposals.
    public var isValidator: Bool { key != nil }

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
