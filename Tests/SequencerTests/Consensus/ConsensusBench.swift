import Ledger
import Sodium
@testable import Sequencer

/// Four validators with one unit of stake each (a quorum is three), 1-second slots, and
/// helpers to make their signed messages, for stepping one ``ConsensusMachine`` by hand.
struct ConsensusBench {
    static let stakes: [UInt64] = [1, 1, 1, 1]
    let configuration = ConsensusFixtures.configuration()
    let schedule = ConsensusFixtures.schedule(stakes: stakes)
    var chainID: UInt64 { configuration.chainID }

    /// Milliseconds since 1970 at `fraction` of `slot`.
    func time(_ slot: UInt64, _ fraction: Double = 0) -> UInt64 {
        configuration.slotClock.startMilliseconds(of: slot) + UInt64(Double(configuration.slotClock.slotMilliseconds) * fraction)
    }

    /// The index of the leader of `slot`.
    func leader(_ slot: UInt64) -> Int {
        ConsensusFixtures.addresses.firstIndex(of: schedule.leader(height: 1, slot: slot)!)!
    }

    /// Validators other than `excluded`, in index order.
    func others(than excluded: Int...) -> [Int] {
        (0..<Self.stakes.count).filter { !excluded.contains($0) }
    }

    func machine(_ index: Int?, executor: InMemoryBatchExecutor = ConsensusFixtures.executor(stakes: stakes),
                 signingState: ConsensusSigningState = ConsensusSigningState(),
                 lock: ConsensusLock? = nil) -> ConsensusMachine<InMemoryBatchExecutor> {
        ConsensusMachine(configuration: configuration, key: index.map { ConsensusFixtures.keys[$0] }, executor: executor,
                         signingState: signingState, lock: lock)
    }

    func vote(_ index: Int, _ step: ConsensusVote.Step, height: UInt64, slot: UInt64, _ hash: [UInt8]?) -> SignedMessage<ConsensusVote> {
        SignedMessage(signing: ConsensusVote(step: step, height: height, slot: slot, batchHash: hash), chainID: chainID,
                      with: ConsensusFixtures.keys[index])
    }

    /// A batch for `height` in `slot` on top of `executor`'s head, signed by `signer`
    /// (the slot's leader unless given), with `transactions`.
    func batch(on executor: InMemoryBatchExecutor, slot: UInt64, transactions: [SignedTransaction] = [],
               signer: Int? = nil, stateRoot: [UInt8]? = nil) -> BatchMessage {
        let head = executor.head
        let header = BatchHeader(height: head.height + 1, slot: slot, parentHash: head.batchHash,
                                 transactionsRoot: TransactionsRoot.root(of: transactions),
                                 stateRoot: stateRoot ?? InMemoryBatchExecutor.stateRoot(after: transactions.map(\.id), from: executor.stateRoot),
                                 time: configuration.slotClock.batchTime(of: slot))
        return BatchMessage(header: SignedMessage(signing: header, chainID: chainID, with: ConsensusFixtures.keys[signer ?? leader(slot)]),
                            transactions: transactions, certificate: head.certificate)
    }

    func proposal(_ batch: BatchMessage, slot: UInt64, validSlot: UInt64? = nil, polka: [SignedMessage<ConsensusVote>] = [],
                  signer: Int? = nil) -> ProposalMessage {
        let body = ConsensusProposal(height: batch.header.body.height, slot: slot, batchHash: batch.hash, validSlot: validSlot)
        return ProposalMessage(proposal: SignedMessage(signing: body, chainID: chainID, with: ConsensusFixtures.keys[signer ?? leader(slot)]),
                               batch: batch, polkaVotes: polka)
    }

    /// A certificate for `batch` in `slot` from the validators `signers`.
    func certificate(_ batch: BatchMessage, slot: UInt64, signers: [Int]) -> FinalityCertificate {
        let vote = ConsensusVote(step: .precommit, height: batch.header.body.height, slot: slot, batchHash: batch.hash)
        return FinalityCertificate(vote: vote, signatures: signers.map {
            FinalityCertificate.Signature(signer: ConsensusFixtures.keys[$0].publicKey,
                                          signature: ConsensusFixtures.keys[$0].signature(for: vote.signingBytes(chainID: chainID)))
        })
    }
}

extension [ConsensusAction] {
    var votes: [ConsensusVote] {
        compactMap { if case .broadcastVote(let vote) = $0 { vote.body } else { nil } }
    }
    var proposals: [ProposalMessage] {
        compactMap { if case .broadcastProposal(let proposal) = $0 { proposal } else { nil } }
    }
    var commits: [(BatchMessage, FinalityCertificate)] {
        compactMap { if case .committed(let batch, let certificate) = $0 { (batch, certificate) } else { nil } }
    }
    var evidence: [EquivocationEvidence] {
        compactMap { if case .evidence(let evidence) = $0 { evidence } else { nil } }
    }
    var wakeUp: UInt64? {
        compactMap { if case .wakeUp(let time) = $0 { time } else { nil } }.last
    }
    /// The kinds of the actions in order, as short names.
    var kinds: [String] {
        map {
            switch $0 {
            case .persist: "persist"
            case .persistLock: "persistLock"
            case .broadcastProposal: "proposal"
            case .broadcastVote: "vote"
            case .committed: "committed"
            case .evidence: "evidence"
            case .wakeUp: "wakeUp"
            }
        }
    }
}
