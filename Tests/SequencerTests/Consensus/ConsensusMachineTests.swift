import Ledger
import Sodium
import Testing
@testable import Sequencer

/// One machine stepped by hand against Algorithm 1 of "The latest gossip on BFT
/// consensus" (rule numbers are the paper's lines), four validators of equal stake.
@Suite("ConsensusMachine")
struct ConsensusMachineTests {
    let bench = ConsensusBench()

    /// A validator that leads none of slots 1, 2 and 3.
    var bystander: Int { bench.others(than: bench.leader(1), bench.leader(2), bench.leader(3))[0] }

    @Test("StartRound: the slot's leader proposes at the slot's start and prevotes its own batch")
    func leaderProposes() throws {
        let leader = bench.leader(1)
        var machine = bench.machine(leader)
        let early = machine.start(now: bench.time(0, 0.5))
        #expect(early.kinds == ["wakeUp"] && early.wakeUp == bench.time(1))
        let actions = machine.tick(now: bench.time(1))
        #expect(actions.kinds == ["persist", "proposal", "persist", "vote", "wakeUp"])
        let proposal = try #require(actions.proposals.first)
        #expect(proposal.proposal.body == ConsensusProposal(height: 1, slot: 1, batchHash: proposal.batch.hash, validSlot: nil))
        #expect(proposal.batch.header.body.parentHash == ConsensusFixtures.genesisHash)
        #expect(actions.votes == [ConsensusVote(step: .prevote, height: 1, slot: 1, batchHash: proposal.batch.hash)])
        #expect(machine.signingState.proposalSlot == 1)
    }

    @Test("rules 22, 36, 49: prevote, lock on the polka, decide on the precommit quorum; the next height starts at the next slot")
    func decides() throws {
        let leader = bench.leader(1)
        let me = bystander
        let third = bench.others(than: leader, me)[0]
        var machine = bench.machine(me)
        _ = machine.start(now: bench.time(1))
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1, transactions: [ConsensusFixtures.transactions[0]])
        var actions = machine.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.1))
        #expect(actions.votes == [ConsensusVote(step: .prevote, height: 1, slot: 1, batchHash: batch.hash)])
        _ = machine.receiveVote(bench.vote(leader, .prevote, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.12))
        actions = machine.receiveVote(bench.vote(third, .prevote, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.13))
        #expect(actions.kinds == ["persistLock", "persist", "vote", "wakeUp"])
        #expect(actions.votes == [ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: batch.hash)])
        #expect(machine.signingState.lockedHash == batch.hash && machine.signingState.lockedSlot == 1)
        _ = machine.receiveVote(bench.vote(leader, .precommit, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.15))
        actions = machine.receiveVote(bench.vote(third, .precommit, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.16))
        let (committed, certificate) = try #require(actions.commits.first)
        #expect(committed.hash == batch.hash)
        #expect(certificate.vote == ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: batch.hash))
        #expect(certificate.verificationFailure(validators: bench.schedule.validators(forHeight: 1)!, chainID: bench.chainID) == nil)
        #expect(machine.executor.head.batchHash == batch.hash)
        #expect(machine.height == 2 && machine.step == .waiting && machine.round == 2)
        #expect(actions.wakeUp == bench.time(2))
    }

    @Test("timeouts: no proposal by half the slot, prevote nil; a nil polka, precommit nil; the slot's end starts the next round")
    func timeouts() {
        let me = bystander
        var machine = bench.machine(me)
        _ = machine.start(now: bench.time(1))
        #expect(machine.tick(now: bench.time(1, 0.49)).votes.isEmpty)
        let nilPrevote = machine.tick(now: bench.time(1, 0.5))
        #expect(nilPrevote.votes == [ConsensusVote(step: .prevote, height: 1, slot: 1, batchHash: nil)])
        let others = bench.others(than: me)
        _ = machine.receiveVote(bench.vote(others[0], .prevote, height: 1, slot: 1, nil), now: bench.time(1, 0.55))
        let nilPrecommit = machine.receiveVote(bench.vote(others[1], .prevote, height: 1, slot: 1, nil), now: bench.time(1, 0.56))
        #expect(nilPrecommit.votes == [ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: nil)])
        let next = machine.tick(now: bench.time(2))
        #expect(machine.round == 2 && machine.height == 1)
        #expect(next.wakeUp == bench.time(2, 0.5))
    }

    @Test("rule 34: prevotes split over values start the prevote timeout, then precommit nil")
    func prevoteTimeout() {
        let me = bystander
        var machine = bench.machine(me)
        _ = machine.start(now: bench.time(1))
        _ = machine.tick(now: bench.time(1, 0.5))
        let others = bench.others(than: me)
        let hash = [UInt8](repeating: 7, count: 32)
        _ = machine.receiveVote(bench.vote(others[0], .prevote, height: 1, slot: 1, hash), now: bench.time(1, 0.6))
        let split = machine.receiveVote(bench.vote(others[1], .prevote, height: 1, slot: 1, nil), now: bench.time(1, 0.6))
        #expect(split.votes.isEmpty)
        #expect(split.wakeUp == bench.time(1, 0.6) + bench.configuration.prevoteTimeoutMilliseconds)
        let fired = machine.tick(now: bench.time(1, 0.6) + bench.configuration.prevoteTimeoutMilliseconds)
        #expect(fired.votes == [ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: nil)])
    }

    @Test("refused proposals: not from the slot's leader, a batch made in another slot; an invalid state root gets a nil prevote")
    func invalidProposals() {
        let leader = bench.leader(1)
        var machine = bench.machine(bystander)
        _ = machine.start(now: bench.time(1))
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        _ = machine.receiveProposal(bench.proposal(batch, slot: 1, signer: bystander), now: bench.time(1, 0.1))
        let elsewhere = bench.batch(on: ConsensusFixtures.executor(), slot: 2, signer: leader)
        _ = machine.receiveProposal(bench.proposal(elsewhere, slot: 1), now: bench.time(1, 0.1))
        #expect(machine.statistics.proposalsInvalid == 2 && machine.step == .propose)
        let wrongRoot = bench.batch(on: ConsensusFixtures.executor(), slot: 1, stateRoot: [UInt8](repeating: 3, count: 32))
        let actions = machine.receiveProposal(bench.proposal(wrongRoot, slot: 1), now: bench.time(1, 0.2))
        #expect(actions.votes == [ConsensusVote(step: .prevote, height: 1, slot: 1, batchHash: nil)])
    }

    /// A machine for `me` locked on `batch` in slot 1, with the prevotes of that polka.
    func locked(_ me: Int, on batch: BatchMessage) -> (ConsensusMachine<InMemoryBatchExecutor>, [ConsensusAction], [SignedMessage<ConsensusVote>]) {
        var machine = bench.machine(me)
        _ = machine.start(now: bench.time(1))
        var actions = machine.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.1))
        let polka = bench.others(than: me).prefix(2).map { bench.vote($0, .prevote, height: 1, slot: 1, batch.hash) }
        for vote in polka { actions += machine.receiveVote(vote, now: bench.time(1, 0.2)) }
        let own = actions.compactMap { if case .broadcastVote(let vote) = $0, vote.body.step == .prevote { vote } else { nil } }
        return (machine, actions, polka + own)
    }

    @Test("rules 22 and 28: a locked validator prevotes nil for a new batch, but follows a re-proposal whose polka is at or after its lock")
    func locks() throws {
        let me = bystander
        let first = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        var (machine, _, _) = locked(me, on: first)
        #expect(machine.locked?.slot == 1)
        _ = machine.tick(now: bench.time(2))
        let second = bench.batch(on: ConsensusFixtures.executor(), slot: 2, transactions: [ConsensusFixtures.transactions[1]])
        let refused = machine.receiveProposal(bench.proposal(second, slot: 2), now: bench.time(2, 0.1))
        #expect(refused.votes == [ConsensusVote(step: .prevote, height: 1, slot: 2, batchHash: nil)])
        // Slot 3 re-proposes the slot-2 batch with a polka from slot 2 (after the lock).
        _ = machine.tick(now: bench.time(3))
        let polka = bench.others(than: me).map { bench.vote($0, .prevote, height: 1, slot: 2, second.hash) }
        let followed = machine.receiveProposal(bench.proposal(second, slot: 3, validSlot: 2, polka: polka), now: bench.time(3, 0.1))
        #expect(followed.votes == [ConsensusVote(step: .prevote, height: 1, slot: 3, batchHash: second.hash)])
    }

    @Test("double votes count once; two headers from one leader for one slot are evidence carrying both")
    func equivocation() throws {
        let leader = bench.leader(1)
        var machine = bench.machine(bystander)
        _ = machine.start(now: bench.time(1))
        let other = bench.others(than: bystander)[0]
        _ = machine.receiveVote(bench.vote(other, .prevote, height: 1, slot: 1, nil), now: bench.time(1, 0.1))
        _ = machine.receiveVote(bench.vote(other, .prevote, height: 1, slot: 1, [UInt8](repeating: 1, count: 32)), now: bench.time(1, 0.1))
        _ = machine.receiveVote(bench.vote(other, .prevote, height: 1, slot: 1, nil), now: bench.time(1, 0.1))
        #expect(machine.statistics.votesConflicting == 1 && machine.statistics.votesDuplicate == 1)
        let first = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        let second = bench.batch(on: ConsensusFixtures.executor(), slot: 1, transactions: [ConsensusFixtures.transactions[2]])
        _ = machine.receiveProposal(bench.proposal(first, slot: 1), now: bench.time(1, 0.2))
        let actions = machine.receiveProposal(bench.proposal(second, slot: 1), now: bench.time(1, 0.2))
        #expect(machine.statistics.proposalsConflicting == 1)
        let evidence = try #require(actions.evidence.first)
        let headers = try [evidence.first, evidence.second].map { try SignedMessage<BatchHeader>.verified($0, chainID: bench.chainID) }
        #expect(headers[0].body.slot == 1 && headers[1].body.slot == 1 && headers[0].body != headers[1].body)
        #expect(headers.allSatisfy { $0.signerAddress == ConsensusFixtures.addresses[leader] })
        #expect(machine.receiveProposal(bench.proposal(second, slot: 1), now: bench.time(1, 0.3)).evidence.isEmpty)
    }

    @Test("rule 55: more than 1/3 of the stake in a later round pulls the validator there")
    func skipsAhead() {
        let me = bystander
        var machine = bench.machine(me)
        _ = machine.start(now: bench.time(1))
        let others = bench.others(than: me)
        _ = machine.receiveVote(bench.vote(others[0], .prevote, height: 1, slot: 3, nil), now: bench.time(1, 0.1))
        #expect(machine.round == 1)
        _ = machine.receiveVote(bench.vote(others[1], .prevote, height: 1, slot: 3, nil), now: bench.time(1, 0.1))
        #expect(machine.round == 3 && machine.statistics.roundsSkippedAhead == 1)
    }

    @Test("a follower commits from counted precommits and from certificates, and signs nothing")
    func follower() throws {
        var machine = bench.machine(nil)
        #expect(!machine.isValidator)
        var actions = machine.start(now: bench.time(1))
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        actions += machine.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.1))
        for index in 0..<3 {
            actions += machine.receiveVote(bench.vote(index, .precommit, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.2))
        }
        #expect(actions.commits.count == 1)
        #expect(actions.allSatisfy { if case .committed = $0 { true } else if case .wakeUp = $0 { true } else { false } })
        var executor = machine.executor
        let second = bench.batch(on: executor, slot: 2)
        let tooFew = bench.certificate(second, slot: 2, signers: [0, 1])
        _ = machine.receiveCertificate(second, certificate: tooFew, now: bench.time(2, 0.5))
        #expect(machine.statistics.certificatesRejected == 1 && machine.height == 2)
        let certificate = bench.certificate(second, slot: 2, signers: [1, 2, 3])
        actions = machine.receiveCertificate(second, certificate: certificate, now: bench.time(2, 0.5))
        #expect(actions.commits.count == 1 && machine.height == 3)
        executor.commit(second, certificate: certificate)
        let third = bench.batch(on: executor, slot: 4)
        _ = machine.receiveCertificate(third, certificate: bench.certificate(third, slot: 4, signers: [0, 1, 2]), now: bench.time(4))
        _ = machine.receiveCertificate(second, certificate: certificate, now: bench.time(4))
        #expect(machine.height == 4 && machine.statistics.certificatesStale == 1)
    }

    @Test("a proposal for the next height whose batch carries this height's certificate decides this height")
    func decidesFromChildCertificate() {
        var machine = bench.machine(bystander)
        _ = machine.start(now: bench.time(1))
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        _ = machine.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.1))
        var executor = ConsensusFixtures.executor()
        executor.commit(batch, certificate: bench.certificate(batch, slot: 1, signers: [0, 1, 3]))
        let child = bench.batch(on: executor, slot: 2)
        let actions = machine.receiveProposal(bench.proposal(child, slot: 2), now: bench.time(2, 0.05))
        #expect(actions.commits.map(\.0.hash) == [batch.hash])
        #expect(machine.statistics.heightsCommittedFromCertificates == 1)
        #expect(actions.votes == [ConsensusVote(step: .prevote, height: 2, slot: 2, batchHash: child.hash)])
    }

    @Test("after a restart the signing state keeps the validator from signing again where it signed")
    func noDoubleSigningAfterRestart() {
        let me = bystander
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        var first = bench.machine(me)
        _ = first.start(now: bench.time(1))
        _ = first.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.1))
        #expect(first.signingState.voteStep == .prevote)
        var restarted = bench.machine(me, signingState: first.signingState)
        var actions = restarted.start(now: bench.time(1, 0.3))
        // A different proposal would get a prevote from a fresh validator; not from this one.
        actions += restarted.receiveProposal(bench.proposal(batch, slot: 1), now: bench.time(1, 0.3))
        #expect(actions.votes.isEmpty && restarted.step == .prevote)
        // Its own prevote was lost with its memory; the others' three make the polka.
        for index in bench.others(than: me) {
            actions += restarted.receiveVote(bench.vote(index, .prevote, height: 1, slot: 1, batch.hash), now: bench.time(1, 0.4))
        }
        #expect(actions.votes == [ConsensusVote(step: .precommit, height: 1, slot: 1, batchHash: batch.hash)])
    }

    @Test("a restarted validator gets its lock back and, leading, re-proposes the locked batch with its polka")
    func restoresLock() throws {
        let me = bench.leader(2)
        #expect(me != bench.leader(1))
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1, transactions: [ConsensusFixtures.transactions[3]])
        let (machine, actions, _) = locked(me, on: batch)
        let lock = try #require(actions.compactMap { if case .persistLock(let lock) = $0 { lock } else { nil } }.first)
        var restarted = bench.machine(me, signingState: machine.signingState, lock: lock)
        #expect(restarted.locked?.batchHash == batch.hash)
        let proposed = restarted.start(now: bench.time(2))
        let proposal = try #require(proposed.proposals.first)
        #expect(proposal.proposal.body == ConsensusProposal(height: 1, slot: 2, batchHash: batch.hash, validSlot: 1))
        #expect(proposal.polkaVotes.count == 3)
        #expect(proposed.votes == [ConsensusVote(step: .prevote, height: 1, slot: 2, batchHash: batch.hash)])
    }

    @Test("bounds: votes beyond the round window or the buffered heights are dropped and counted; the next height's are replayed")
    func windows() {
        var machine = bench.machine(bystander)
        _ = machine.start(now: bench.time(1))
        let other = bench.others(than: bystander)[0]
        _ = machine.receiveVote(bench.vote(other, .prevote, height: 1, slot: 1 + bench.configuration.roundsAheadMax + 1, nil), now: bench.time(1))
        _ = machine.receiveVote(bench.vote(other, .prevote, height: 1 + bench.configuration.heightsAheadMax + 1, slot: 2, nil), now: bench.time(1))
        #expect(machine.statistics.votesDropped == 2)
        let outsider = try! Ed25519PrivateKeyFixture.outsider()
        _ = machine.receiveVote(SignedMessage(signing: ConsensusVote(step: .prevote, height: 1, slot: 1, batchHash: nil),
                                              chainID: bench.chainID, with: outsider), now: bench.time(1))
        #expect(machine.statistics.votesFromNonValidators == 1)
        // Precommits for height 2 arrive before height 1 is decided; they count once it is.
        let batch = bench.batch(on: ConsensusFixtures.executor(), slot: 1)
        var executor = ConsensusFixtures.executor()
        executor.commit(batch, certificate: bench.certificate(batch, slot: 1, signers: [0, 1, 2]))
        let child = bench.batch(on: executor, slot: 2)
        var actions: [ConsensusAction] = []
        for index in 0..<3 {
            actions += machine.receiveVote(bench.vote(index, .precommit, height: 2, slot: 2, child.hash), now: bench.time(1, 0.5))
        }
        #expect(actions.commits.isEmpty)
        actions += machine.receiveCertificate(batch, certificate: bench.certificate(batch, slot: 1, signers: [0, 1, 2]), now: bench.time(1, 0.6))
        actions += machine.receiveProposal(bench.proposal(child, slot: 2), now: bench.time(2, 0.1))
        #expect(actions.commits.map(\.0.hash) == [batch.hash, child.hash])
    }
}

/// A key outside every validator set of these tests.
enum Ed25519PrivateKeyFixture {
    static func outsider() throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(seed: [UInt8](repeating: 0xee, count: 32))
    }
}
