/// One side of a multistream-select 1.0.0 negotiation, sans-IO.
///
/// Call ``start()`` once and send what it returns, then pass every received chunk, in any
/// fragmentation, to ``receive(_:)`` and send each step's bytes until the outcome is final.
///
/// The dialer sends its header and first proposal together. When it proposes a single
/// protocol, the caller may send application data right behind them without waiting (the
/// "lazy" negotiation of go-libp2p); if the listener then refuses, the stream is lost.
/// The listener answers every proposal in the order received, so a header, proposal and
/// application data arriving in one read are handled in one step.
///
/// After a final outcome or a thrown error the negotiation is over: calling
/// ``receive(_:)`` again is a programmer error.
public struct MultistreamNegotiation: Sendable {
    /// The most proposals (and `ls` requests) a listener refuses before it gives up on
    /// the dialer with ``MultistreamError/tooManyProposals(limit:)``.
    public static let refusalCountMax = 32

    private enum Role: Sendable {
        case dialer(proposals: [String])
        case listener(isSupported: @Sendable (String) -> Bool)
    }

    private enum Phase: Sendable, Equatable {
        case created, awaitingHeader, negotiating, over
    }

    private enum Decision {
        case undecided
        case accepted(String)
        case unsupported
    }

    private let role: Role
    private var phase = Phase.created
    private var buffer: [UInt8] = []
    /// Dialer: the index of the proposal awaiting an answer.
    private var proposalIndex = 0
    /// Listener: how many proposals it has refused.
    private var refusalCount = 0

    private init(role: Role) {
        self.role = role
    }

    /// A dialer that proposes `protocols` in order of preference until one is accepted.
    ///
    /// - Precondition: `protocols` is not empty and every element passes
    ///   ``MultistreamMessage/isValidProtocolID(_:)``.
    public static func dialer(proposing protocols: [String]) -> Self {
        precondition(!protocols.isEmpty, "a multistream dialer must propose at least one protocol")
        for protocolID in protocols {
            precondition(MultistreamMessage.isValidProtocolID(protocolID), "invalid protocol id \"\(protocolID)\"")
        }
        return Self(role: .dialer(proposals: protocols))
    }

    /// A listener that accepts the first proposal found in `protocols`.
    public static func listener(supporting protocols: Set<String>) -> Self {
        listener { protocols.contains($0) }
    }

    /// A listener that accepts the first proposal for which `isSupported` returns true.
    /// It is asked only about valid protocol ids (``MultistreamMessage/isValidProtocolID(_:)``).
    public static func listener(accepting isSupported: @escaping @Sendable (String) -> Bool) -> Self {
        Self(role: .listener(isSupported: isSupported))
    }

    /// Whether this side is the dialer.
    public var isDialer: Bool {
        if case .dialer = role { true } else { false }
    }

    /// The bytes to send first: the header, and for a dialer its first proposal too.
    ///
    /// - Precondition: called once, before ``receive(_:)``.
    public mutating func start() -> [UInt8] {
        precondition(phase == .created, "MultistreamNegotiation.start() must be called once, first")
        phase = .awaitingHeader
        var bytes = MultistreamMessage.encode(MultistreamMessage.header)
        if case .dialer(let proposals) = role {
            bytes += MultistreamMessage.encode(proposals[0])
        }
        return bytes
    }

    /// Takes the next received bytes and returns what to send and where the negotiation stands.
    ///
    /// - Precondition: ``start()`` was called, and no earlier call returned a final outcome or threw.
    public mutating func receive(_ bytes: [UInt8]) throws(MultistreamError) -> MultistreamStep {
        precondition(phase == .awaitingHeader || phase == .negotiating, "MultistreamNegotiation is not running")
        buffer.append(contentsOf: bytes)
        var send: [UInt8] = []
        var consumed = 0
        var decision = Decision.undecided
        do {
            while case .undecided = decision,
                  let (text, byteCount) = try MultistreamMessage.decode(buffer[consumed...]) {
                consumed += byteCount
                decision = try handle(text, send: &send)
            }
        } catch {
            phase = .over
            buffer = []
            throw error
        }
        return finish(decision, send: send, consumed: consumed)
    }

    /// Builds the step for `decision`, keeping unread bytes or handing them back as leftover.
    private mutating func finish(_ decision: Decision, send: [UInt8], consumed: Int) -> MultistreamStep {
        switch decision {
        case .undecided:
            buffer.removeFirst(consumed)
            return MultistreamStep(send: send, outcome: .pending)
        case .accepted(let protocolID):
            let leftover = Array(buffer[consumed...])
            phase = .over
            buffer = []
            return MultistreamStep(send: send, outcome: .negotiated(protocol: protocolID, leftover: leftover))
        case .unsupported:
            phase = .over
            buffer = []
            return MultistreamStep(send: send, outcome: .unsupported)
        }
    }

    /// Handles one complete message from the peer.
    private mutating func handle(_ text: String, send: inout [UInt8]) throws(MultistreamError) -> Decision {
        if phase == .awaitingHeader {
            guard text == MultistreamMessage.header else { throw .wrongHeader(text) }
            phase = .negotiating
            return .undecided
        }
        switch role {
        case .dialer(let proposals):
            return try handleAnswer(text, proposals: proposals, send: &send)
        case .listener(let isSupported):
            return try handleProposal(text, isSupported: isSupported, send: &send)
        }
    }

    /// Dialer: the listener's answer to the proposal at `proposalIndex`.
    private mutating func handleAnswer(
        _ text: String,
        proposals: [String],
        send: inout [UInt8]
    ) throws(MultistreamError) -> Decision {
        if text == proposals[proposalIndex] {
            return .accepted(text)
        }
        guard text == MultistreamMessage.notAvailable else { throw .unexpectedMessage(text) }
        proposalIndex += 1
        guard proposalIndex < proposals.count else { return .unsupported }
        send += MultistreamMessage.encode(proposals[proposalIndex])
        return .undecided
    }

    /// Listener: a proposal (or `ls`, which is refused like an unsupported protocol).
    private mutating func handleProposal(
        _ text: String,
        isSupported: @Sendable (String) -> Bool,
        send: inout [UInt8]
    ) throws(MultistreamError) -> Decision {
        if MultistreamMessage.isValidProtocolID(text) && isSupported(text) {
            send += MultistreamMessage.encode(text)
            return .accepted(text)
        }
        guard refusalCount < Self.refusalCountMax else { throw .tooManyProposals(limit: Self.refusalCountMax) }
        refusalCount += 1
        send += MultistreamMessage.encode(MultistreamMessage.notAvailable)
        return .undecided
    }
}
