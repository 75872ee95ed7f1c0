import Ledger

extension ConsensusMachine {
    /// How many times one input may run the rules over; each pass that fires moves the
    /// step, round or height forward, so a few passes always suffice.
    static var evaluationPassesMax: Int { 16 }

    func slotStart(_ slot: UInt64) -> UInt64 {
        configuration.slotClock.startMilliseconds(of: slot)
    }

    /// Starts the round the clock is in when it is past the current one (a slot that
    /// ended undecided is skipped), or the height's first round once its slot has come.
    mutating func startRoundIfDue(now: UInt64, actions: inout [ConsensusAction]) {
        guard let clockSlot = configuration.slotClock.slot(atMilliseconds: now) else { return }
        if step == .waiting ? clockSlot >= round : clockSlot > round {
            startRound(clockSlot, actions: &actions)
        }
    }

    /// Tendermint's StartRound: the slot's leader proposes; everyone waits for the proposal.
    mutating func startRound(_ slot: UInt64, actions: inout [ConsensusAction]) {
        round = slot
        step = .propose
        statistics.roundsStarted += 1
        let (deadline, overflow) = slotStart(slot).addingReportingOverflow(configuration.proposeTimeoutMilliseconds)
        proposeDeadline = overflow ? UInt64.max : deadline
        prevoteDeadline = nil
        prune()
        if let address, isValidator, leader(of: slot) == address, signingState.allowsProposal(slot: slot) {
            propose(actions: &actions)
        }
    }

    /// Forgets what fell out of the window behind the current round.
    mutating func prune() {
        guard round > configuration.roundsBehindMax else { return }
        let floor = round - configuration.roundsBehindMax
        var kept: Set<[UInt8]> = []
        if let locked { kept.insert(locked.batchHash) }
        if let valid { kept.insert(valid.batchHash) }
        log.prune(slotsBelow: floor, keeping: kept)
        headersBySlot = headersBySlot.filter { $0.key >= floor }
        equivocationSlots = equivocationSlots.filter { $0 >= floor }
    }

    /// Whether `slot` lies in the window of rounds whose messages are kept.
    func isInWindow(_ slot: UInt64) -> Bool {
        let (low, lowOverflow) = slot.addingReportingOverflow(configuration.roundsBehindMax)
        let (high, highOverflow) = round.addingReportingOverflow(configuration.roundsAheadMax)
        return (lowOverflow || low >= round) && (highOverflow || slot <= high)
    }

    /// Runs the algorithm's rules until none fires, then the timeouts that are due.
    mutating func evaluate(now: UInt64, actions: inout [ConsensusAction]) {
        for _ in 0..<Self.evaluationPassesMax {
            if fireRule(now: now, actions: &actions) { continue }
            if fireTimeout(now: now, actions: &actions) { continue }
            return
        }
    }

    /// Fires the first rule whose condition holds; false when none does.
    private mutating func fireRule(now: UInt64, actions: inout [ConsensusAction]) -> Bool {
        if decideIfQuorum(now: now, actions: &actions) { return true }
        if let target = log.skipTarget, step == .waiting ? target >= round : target > round {
            statistics.roundsSkippedAhead += 1
            startRound(target, actions: &actions)
            return true
        }
        guard step != .waiting else { return false }
        if step == .propose, prevoteProposal(actions: &actions) { return true }
        if lockOnPolka(actions: &actions) { return true }
        if step == .prevote, thresholds.isSupermajority(log.tally.weight(slot: round, step: .prevote, batchHash: nil)) {
            castVote(.precommit, batchHash: nil, actions: &actions)
            return true
        }
        if step == .prevote, log.prevoteTimeoutRound != round,
           thresholds.isSupermajority(log.tally.totalWeight(slot: round, step: .prevote)) {
            log.prevoteTimeoutRound = round
            let (deadline, overflow) = now.addingReportingOverflow(configuration.prevoteTimeoutMilliseconds)
            prevoteDeadline = overflow ? UInt64.max : deadline
            return true
        }
        return false
    }

    /// OnTimeoutPropose and OnTimeoutPrevote; OnTimeoutPrecommit is the slot's end.
    private mutating func fireTimeout(now: UInt64, actions: inout [ConsensusAction]) -> Bool {
        if step == .propose, let proposeDeadline, now >= proposeDeadline {
            castVote(.prevote, batchHash: nil, actions: &actions)
            return true
        }
        if step == .prevote, let prevoteDeadline, now >= prevoteDeadline {
            castVote(.precommit, batchHash: nil, actions: &actions)
            return true
        }
        return false
    }

    /// Rules 22 and 28: prevote the round's proposal if it is valid and the lock allows it.
    private mutating func prevoteProposal(actions: inout [ConsensusAction]) -> Bool {
        guard let proposal = log.proposals[round] else { return false }
        let isValid = log.validity[proposal.batchHash] ?? false
        let allowed: Bool
        if let validSlot = proposal.validSlot {
            let polka = max(log.tally.weight(slot: validSlot, step: .prevote, batchHash: proposal.batchHash),
                            proposal.carriedPolkaWeight)
            guard thresholds.isSupermajority(polka) else { return false }
            allowed = locked.map { $0.slot <= validSlot || $0.batchHash == proposal.batchHash } ?? true
        } else {
            allowed = locked.map { $0.batchHash == proposal.batchHash } ?? true
        }
        castVote(.prevote, batchHash: isValid && allowed ? proposal.batchHash : nil, actions: &actions)
        return true
    }

    /// Rule 36: a polka for the round's valid proposal locks it (if still prevoting) and
    /// makes it the valid value, once per round.
    private mutating func lockOnPolka(actions: inout [ConsensusAction]) -> Bool {
        guard step >= .prevote, log.polkaRound != round, let proposal = log.proposals[round],
              log.validity[proposal.batchHash] == true,
              thresholds.isSupermajority(
                  log.tally.weight(slot: round, step: .prevote, batchHash: proposal.batchHash)) else { return false }
        log.polkaRound = round
        let polka = log.tally.votes(slot: round, step: .prevote, batchHash: proposal.batchHash)
        valid = (round, proposal.batchHash)
        validPolka = polka
        if step == .prevote {
            locked = (round, proposal.batchHash)
            if isValidator, let batch = log.batches[proposal.batchHash] {
                actions.append(.persistLock(ConsensusLock(slot: round, batch: batch, polkaVotes: polka)))
            }
            castVote(.precommit, batchHash: proposal.batchHash, actions: &actions)
        }
        return true
    }

    /// Moves to the vote's step and, for a validator that has not signed at or after this
    /// position, signs it, persists, broadcasts it and counts it.
    mutating func castVote(_ voteStep: ConsensusVote.Step, batchHash: [UInt8]?, actions: inout [ConsensusAction]) {
        step = voteStep == .prevote ? .prevote : .precommit
        guard let key, signingState.allowsVote(height: height, slot: round, step: voteStep) else { return }
        signingState.voteHeight = height
        signingState.voteSlot = round
        signingState.voteStep = voteStep
        if voteStep == .precommit, let locked {
            signingState.lockedHeight = height
            signingState.lockedSlot = locked.slot
            signingState.lockedHash = locked.batchHash
        }
        let vote = ConsensusVote(step: voteStep, height: height, slot: round, batchHash: batchHash)
        let signed = SignedMessage(signing: vote, chainID: configuration.chainID, with: key)
        actions.append(.persist(signingState))
        actions.append(.broadcastVote(signed))
        handleVote(signed)
    }

    /// When the machine next needs a tick: the pending timeout or the round's end.
    func nextWakeUp() -> UInt64 {
        if step == .waiting { return slotStart(round) }
        let (next, overflow) = round.addingReportingOverflow(1)
        var wakeUp = overflow ? UInt64.max : slotStart(next)
        if step == .propose, let proposeDeadline { wakeUp = min(wakeUp, proposeDeadline) }
        if step == .prevote, let prevoteDeadline { wakeUp = min(wakeUp, prevoteDeadline) }
        return wakeUp
    }
}
