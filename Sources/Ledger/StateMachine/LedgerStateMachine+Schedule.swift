extension LedgerStateMachine {
    /// Runs every scheduled event with `due ≤ batch.time`, oldest first. Events act on
    /// records; one whose record has already moved on does nothing.
    mutating func runDueEvents() throws {
        for event in try state.dueEvents(upTo: batch.time) {
            switch event.kind {
            case .releaseUnbonding: try releaseUnbonding(at: event.subject)
            case .settleContribution: try settleContribution(at: event.subject)
            case .closeProposal: try closeProposal(at: event.subject)
            case .enactProposal: try enactProposal(at: event.subject)
            case .settleChallenge: try settleChallenge(at: event.subject)
            }
        }
        try cutDatanetVersions()
    }
}
