import Identity

/// Evidence that a sequencer signed two different batch headers for one slot.
///
/// The sequencer loses `equivocation_slash_ppm` of its bonded sequencer stake (burned),
/// the rest starts unbonding, and it may not stake as a sequencer again. Each
/// (sequencer, slot) is punished once.
extension LedgerStateMachine {
    func handleEquivocationEvidence(_ evidence: EquivocationEvidence, _ context: TransactionContext) throws {
        let first = try verifiedHeader(evidence.first)
        let second = try verifiedHeader(evidence.second)
        guard first.signer == second.signer else {
            throw TransactionFailure.invalidEvidence("the headers were signed by different keys")
        }
        guard first.body.slot == second.body.slot else {
            throw TransactionFailure.invalidEvidence("the headers are for different slots")
        }
        guard first.bodyBytes != second.bodyBytes else {
            throw TransactionFailure.invalidEvidence("the headers are identical")
        }
        let sequencer = first.signerAddress
        let key = StateKey.equivocation(sequencer, slot: first.body.slot)
        guard try !state.contains(key) else { throw TransactionFailure.duplicate("evidence for this slot") }
        let slashed = try state.slashStake(sequencer, .sequencer, partsPerMillion: parameters[.equivocationSlash])
        try state.burn(slashed)
        let remaining = try state.stake(sequencer, .sequencer)
        if remaining > 0 {
            try state.removeStake(sequencer, .sequencer, remaining)
            try beginUnbonding(sequencer, .sequencer, remaining)
        }
        state.setRecord(AmountRecord(amount: slashed), at: key)
        state.setRecord(AmountRecord(amount: slashed), at: StateKey.jailed(sequencer, .sequencer))
        state.recordPayout(PayoutEvent(subject: context.createdID, account: sequencer,
                                       reason: .equivocationSlash, amount: slashed))
    }

    private func verifiedHeader(_ envelope: [UInt8]) throws -> SignedMessage<BatchHeader> {
        do {
            return try SignedMessage<BatchHeader>.verified(envelope, chainID: chainID)
        } catch {
            throw TransactionFailure.invalidEvidence("a header does not verify: \(error)")
        }
    }
}
