import Ledger
import Simulation
import Sodium
@testable import Sequencer

/// One validator in the simulator: a ``ConsensusMachine`` over an in-memory executor, with
/// the small gossip duties a real node's network layer has (relay proposals once, re-send
/// its votes when the height does not move, hand decisions to peers that lag, and ask for
/// them when it lags itself),
/// a clock offset, crashes that keep only what a disk would, and optionally byzantine
/// behaviour.
struct SimulatedConsensusNode: SimulatedNode {
    enum Behaviour {
        case honest
        /// Signs two different batches when it leads, and prevotes and precommits every
        /// proposal it sees on top of its honest votes.
        case byzantine
    }

    static let wakeUpTimer = 0
    static let retransmitTimer = 1
    /// Decisions sent per catch-up request.
    static let syncBatchCount = 16
    /// Entries of the seen cache before it is cleared.
    static let seenCountMax = 4_096
    /// Own votes kept for re-sending.
    static let recentVotesMax = 4

    let index: Int
    let key: Ed25519PrivateKey
    let behaviour: Behaviour
    let configuration: ConsensusConfiguration
    /// This node's clock runs ahead of true time by this much.
    let clockOffset: Duration
    let record: ConsensusSimulationRecord
    var peers: [Int] = []
    var random: SimulationRandom

    private(set) var machine: ConsensusMachine<InMemoryBatchExecutor>?
    /// What survives a crash: the committed chain, the signing state and the lock.
    private(set) var storedExecutor: InMemoryBatchExecutor
    private(set) var storedSigningState = ConsensusSigningState()
    private(set) var storedLock: ConsensusLock?
    /// Bumped at each crash, so that the timers of an earlier life are ignored.
    private var incarnation = 0
    private var scheduledWakeUps: Set<UInt64> = []
    /// Digests of the proposals and votes delivered already, as a gossip layer's seen
    /// cache: copies (relays, re-sends) are dropped before they reach the machine.
    private var seen: Set<[UInt8]> = []
    private var byzantineVoted: Set<[UInt8]> = []
    private var recentVotes: [(height: UInt64, bytes: [UInt8])] = []
    /// The peers already sent a decision this period, so a lagging peer gets one per period.
    private var peersCaughtUp: Set<Int> = []
    private var heightAtLastRetransmit: UInt64 = 0
    private var isSyncRequested = false
    /// When this node committed each height (simulation time).
    private(set) var commitTimes: [UInt64: Duration] = [:]
    private(set) var evidence: [EquivocationEvidence] = []
    private(set) var crashCount = 0

    init(index: Int, key: Ed25519PrivateKey, behaviour: Behaviour, configuration: ConsensusConfiguration,
         executor: InMemoryBatchExecutor, clockOffset: Duration, record: ConsensusSimulationRecord, random: SimulationRandom) {
        self.index = index
        self.key = key
        self.behaviour = behaviour
        self.configuration = configuration
        self.clockOffset = clockOffset
        self.record = record
        self.random = random
        storedExecutor = executor
    }

    var isUp: Bool { machine != nil }
    /// The committed chain (what the disk holds).
    var chain: InMemoryBatchExecutor { machine?.executor ?? storedExecutor }

    /// This node's clock at simulation time `now`.
    func clock(_ now: Duration) -> Duration {
        .seconds(Int64(configuration.slotClock.genesisMilliseconds / 1_000)) + now + clockOffset
    }

    func milliseconds(_ now: Duration) -> UInt64 {
        let (seconds, attoseconds) = clock(now).components
        return UInt64(seconds) * 1_000 + UInt64(attoseconds / 1_000_000_000_000_000)
    }

    /// Starts (or restarts) the machine from what is stored.
    mutating func boot(now: Duration) -> [SimulationAction] {
        machine = ConsensusMachine(configuration: configuration, key: key, executor: storedExecutor,
                                   signingState: storedSigningState, lock: storedLock)
        heightAtLastRetransmit = machine!.height
        let slot = Duration.milliseconds(Int64(configuration.slotClock.slotMilliseconds))
        let phase = slot * 3 / 4
        return carry(machine!.start(now: milliseconds(now)), now: now)
            + [.setTimer(timerID(Self.retransmitTimer), after: phase)]
    }

    /// Loses everything in memory; the committed chain, the signing state and the lock stay.
    mutating func crash() {
        if let machine { storedExecutor = machine.executor }
        machine = nil
        incarnation += 1
        scheduledWakeUps = []
        recentVotes = []
        crashCount += 1
    }

    private func timerID(_ kind: Int) -> Int { incarnation * 2 + kind }

    mutating func timerFired(_ timer: Int, now: Duration) -> [SimulationAction] {
        guard machine != nil, timer / 2 == incarnation else { return [] }
        if timer % 2 == Self.wakeUpTimer {
            scheduledWakeUps = []
            return carry(machine!.tick(now: milliseconds(now)), now: now)
        }
        return retransmit(now: now)
    }

    /// Once a slot: when the height has not moved since the last time, re-send this
    /// node's votes for it (messages may have been lost).
    private mutating func retransmit(now: Duration) -> [SimulationAction] {
        let height = machine!.height
        var actions: [SimulationAction] = [.setTimer(timerID(Self.retransmitTimer),
                                                      after: .milliseconds(Int64(configuration.slotClock.slotMilliseconds)))]
        isSyncRequested = false
        peersCaughtUp = []
        if height == heightAtLastRetransmit {
            let messages = recentVotes.filter { $0.height == height }.map(\.bytes)
            actions += messages.flatMap { message in peers.map { .send(message, to: $0) } }
        }
        heightAtLastRetransmit = height
        return actions
    }

    mutating func receive(_ message: [UInt8], from peer: Int, now: Duration) -> [SimulationAction] {
        guard machine != nil, let decoded = ConsensusWireMessage(message) else { return [] }
        let time = milliseconds(now)
        switch decoded {
        case .proposal(let bytes):
            guard isFirstSight(bytes), let proposal = record.proposal(bytes) else { return [] }
            var actions: [SimulationAction] = []
            if behaviour == .honest { actions += peers.filter { $0 != peer }.map { .send(message, to: $0) } }
            if behaviour == .byzantine { actions += voteForEverything(proposal) }
            return actions + carry(machine!.receiveProposal(proposal, now: time), now: now)
        case .vote(let bytes):
            guard isFirstSight(bytes), let vote = record.vote(bytes) else { return [] }
            return catchUp(peer, votedAt: vote.body) + carry(machine!.receiveVote(vote, now: time), now: now)
        case .decision(let batchBytes, let certificate):
            return receiveDecision(batchBytes, certificate: certificate, from: peer, now: now)
        case .syncRequest(let height):
            return answerSync(from: height, peer: peer)
        }
    }

    /// Whether these bytes were not delivered before (the seen cache is bounded by clearing it).
    private mutating func isFirstSight(_ bytes: [UInt8]) -> Bool {
        if seen.count >= Self.seenCountMax { seen = [] }
        return seen.insert(ConsensusSimulationRecord.digest(bytes)).inserted
    }

    /// A vote shows where its sender stands: one still voting on a decided height in a
    /// slot after this node's decision gets the decision; one voting on a later height in
    /// this node's round or later shows that this node lags, and it asks for decisions.
    private mutating func catchUp(_ peer: Int, votedAt vote: ConsensusVote) -> [SimulationAction] {
        let machine = machine!
        if vote.height < machine.height, vote.slot > machine.executor.head.decisionSlot, !peersCaughtUp.contains(peer) {
            let committed = machine.executor.committed
            guard vote.height >= 1, vote.height <= UInt64(committed.count) else { return [] }
            peersCaughtUp.insert(peer)
            let entry = committed[Int(vote.height) - 1]
            return [.send(ConsensusWireMessage.decision(batch: entry.batch.encoded, certificate: entry.certificate).encoded, to: peer)]
        }
        if vote.height > machine.height, vote.slot >= machine.round, !isSyncRequested {
            isSyncRequested = true
            return [.send(ConsensusWireMessage.syncRequest(fromHeight: machine.height).encoded, to: peer)]
        }
        return []
    }

    private mutating func receiveDecision(_ batchBytes: [UInt8], certificate: FinalityCertificate, from peer: Int,
                                          now: Duration) -> [SimulationAction] {
        let height = machine!.height
        if certificate.height > height, !isSyncRequested {
            isSyncRequested = true
            return [.send(ConsensusWireMessage.syncRequest(fromHeight: height).encoded, to: peer)]
        }
        guard certificate.height == height, let batch = record.batch(batchBytes) else { return [] }
        return carry(machine!.receiveCertificate(batch, certificate: certificate, now: milliseconds(now)), now: now)
    }

    private func answerSync(from height: UInt64, peer: Int) -> [SimulationAction] {
        let committed = chain.committed
        guard height >= 1, height <= UInt64(committed.count) else { return [] }
        let start = Int(height) - 1
        return committed[start..<min(committed.count, start + Self.syncBatchCount)].map {
            .send(ConsensusWireMessage.decision(batch: $0.batch.encoded, certificate: $0.certificate).encoded, to: peer)
        }
    }

    /// Carries out the machine's actions.
    private mutating func carry(_ actions: [ConsensusAction], now: Duration) -> [SimulationAction] {
        var output: [SimulationAction] = []
        for action in actions {
            switch action {
            case .persist(let state):
                storedSigningState = state
            case .persistLock(let lock):
                storedLock = lock
            case .broadcastProposal(let message):
                output += broadcast(message)
            case .broadcastVote(let vote):
                if behaviour == .honest { record.noteHonestVote(vote) }
                let bytes = ConsensusWireMessage.vote(vote.envelopeBytes).encoded
                seen.insert(ConsensusSimulationRecord.digest(vote.envelopeBytes))
                recentVotes.append((vote.body.height, bytes))
                if recentVotes.count > Self.recentVotesMax { recentVotes.removeFirst() }
                output += peers.map { .send(bytes, to: $0) }
            case .committed(let batch, _):
                let height = batch.header.body.height
                if commitTimes[height] == nil { commitTimes[height] = now }
                storedExecutor = machine!.executor
            case .evidence(let found):
                evidence.append(found)
            case .wakeUp(let at):
                guard scheduledWakeUps.insert(at).inserted else { continue }
                let delay = max(.zero, Duration.milliseconds(Int64(at)) - clock(now))
                output.append(.setTimer(timerID(Self.wakeUpTimer), after: delay))
            }
        }
        return output
    }

    private mutating func broadcast(_ message: ProposalMessage) -> [SimulationAction] {
        let bytes = ConsensusWireMessage.proposal(message.encoded).encoded
        seen.insert(ConsensusSimulationRecord.digest(message.encoded))
        guard behaviour == .byzantine, message.proposal.body.validSlot == nil, let second = conflictingProposal(to: message) else {
            if behaviour == .honest { record.noteHonestProposal(message) }
            return peers.map { .send(bytes, to: $0) }
        }
        let secondBytes = ConsensusWireMessage.proposal(second.encoded).encoded
        var output: [SimulationAction] = voteForEverything(message) + voteForEverything(second)
        for peer in peers {
            output.append(.send(random.next() % 2 == 0 ? bytes : secondBytes, to: peer))
        }
        return output
    }

    /// The same slot's batch with one transaction fewer (or one more when it has none),
    /// signed again: a second valid-looking batch for one slot.
    private func conflictingProposal(to message: ProposalMessage) -> ProposalMessage? {
        let batch = message.batch
        var transactions = batch.transactions
        if transactions.isEmpty {
            guard let extra = ConsensusFixtures.transactions.first(where: { candidate in
                !chain.committed.contains { $0.batch.transactions.contains { $0.id == candidate.id } }
            }) else { return nil }
            transactions = [extra]
        } else {
            transactions.removeLast()
        }
        var header = batch.header.body
        header.transactionsRoot = TransactionsRoot.root(of: transactions)
        header.stateRoot = InMemoryBatchExecutor.stateRoot(after: transactions.map(\.id), from: chain.stateRoot)
        let chainID = configuration.chainID
        let second = BatchMessage(header: SignedMessage(signing: header, chainID: chainID, with: key),
                                  transactions: transactions, certificate: batch.certificate)
        var proposal = message.proposal.body
        proposal.batchHash = second.hash
        return ProposalMessage(proposal: SignedMessage(signing: proposal, chainID: chainID, with: key), batch: second)
    }

    /// A byzantine validator prevotes and precommits every proposal it sees.
    private mutating func voteForEverything(_ message: ProposalMessage) -> [SimulationAction] {
        guard byzantineVoted.insert(message.id).inserted else { return [] }
        let proposal = message.proposal.body
        return [ConsensusVote.Step.prevote, .precommit].flatMap { step in
            let vote = ConsensusVote(step: step, height: proposal.height, slot: proposal.slot, batchHash: proposal.batchHash)
            let bytes = ConsensusWireMessage.vote(SignedMessage(signing: vote, chainID: configuration.chainID, with: key).envelopeBytes).encoded
            return peers.map { SimulationAction.send(bytes, to: $0) }
        }
    }
}
