import Gossip
import Identity
import Ledger

/// The gossipsub topics of one chain, named after its id so that chains never mix:
///
///     /oln/<chain id>/tx/2            SignedTransaction envelopes          ids: BLAKE2b-256 of the data
///     /oln/<chain id>/proposal/1      ProposalMessage (proposal + batch)    ids: from ‖ seqno
///     /oln/<chain id>/vote/1          SignedMessage<ConsensusVote> envelope ids: from ‖ seqno
///     /oln/<chain id>/certificate/1   FinalityCertificate                   ids: from ‖ seqno
///
/// Transactions get content ids (one transaction sent by two peers is one message) and
/// travel unsigned (StrictNoSign, as every Ethereum consensus topic does): each is signed
/// by its sender, so an author signature would only add a second Ed25519 verification per
/// transaction and peer, a third of a validator's CPU at a few thousand transactions a
/// second. Version 1 of the topic was StrictSign. The other topics are signed by their
/// author (StrictSign).
public struct ChainTopics: Sendable, Equatable {
    public let transactions: String
    public let proposals: String
    public let votes: String
    public let certificates: String

    public init(chainID: UInt64) {
        transactions = "/oln/\(chainID)/tx/2"
        proposals = "/oln/\(chainID)/proposal/1"
        votes = "/oln/\(chainID)/vote/1"
        certificates = "/oln/\(chainID)/certificate/1"
    }

    /// Every topic, in the order they are joined.
    public var all: [String] { [transactions, proposals, votes, certificates] }

    /// The router options of the topics: unsigned messages with content ids for
    /// transactions, 1 MiB of data (the most one RPC can carry through a stream's send
    /// queue) for everything.
    public var topicOptions: [String: GossipTopicOptions] {
        var options: [String: GossipTopicOptions] = [:]
        for topic in all { options[topic] = .standard }
        options[transactions] = GossipTopicOptions(signingPolicy: .strictNoSign, messageIDFunction: .contentHash,
                                                   dataByteCountMax: SignedTransaction.envelopeByteCountMax)
        return options
    }

    /// Score profiles: invalid messages (P4) count on every topic; no topic is scored for
    /// missing deliveries (P3), since a slot may pass without a batch.
    public func scoreProfiles(slotMilliseconds: UInt64, validatorCount: Int) -> [String: TopicScoreProfile] {
        let slot = Duration.milliseconds(Int64(clamping: slotMilliseconds))
        let slotsPerSecond = 1_000 / Double(max(slotMilliseconds, 1))
        return [
            transactions: .transactions,
            proposals: TopicScoreProfile(topicWeight: 0.5, expectedMessagesPerSecond: slotsPerSecond,
                                         firstMessageDecayTime: slot * 640),
            votes: TopicScoreProfile(topicWeight: 0.5, expectedMessagesPerSecond: 2 * Double(max(validatorCount, 1)) * slotsPerSecond,
                                     firstMessageDecayTime: slot * 32),
            certificates: TopicScoreProfile(topicWeight: 0.1, expectedMessagesPerSecond: slotsPerSecond,
                                            firstMessageDecayTime: slot * 32),
        ]
    }
}
