import Testing
import TestSupport
@testable import Multistream

@Suite struct MultistreamNegotiationTests {
    let header = hex("13 2f6d756c746973747265616d2f312e302e30 0a")
    let notAvailable = hex("036e610a")

    // MARK: Two parties stepped together

    @Test func acceptsTheFirstProposal() throws {
        let result = try exchange(proposing: ["/noise"], supporting: ["/noise", "/tls/1.0.0"])
        #expect(result.dialer == .negotiated(protocol: "/noise", leftover: []))
        #expect(result.listener == .negotiated(protocol: "/noise", leftover: []))
        #expect(result.dialerSent == header + MultistreamMessage.encode("/noise"))
        #expect(result.listenerSent == header + MultistreamMessage.encode("/noise"))
    }

    @Test func triesTheNextProposalAfterNotAvailable() throws {
        let result = try exchange(proposing: ["/tls/1.0.0", "/noise"], supporting: ["/noise"])
        #expect(result.dialer == .negotiated(protocol: "/noise", leftover: []))
        #expect(result.listener == .negotiated(protocol: "/noise", leftover: []))
        #expect(result.listenerSent == header + notAvailable + MultistreamMessage.encode("/noise"))
    }

    @Test func reportsUnsupportedWhenEveryProposalIsRefused() throws {
        let result = try exchange(proposing: ["/tls/1.0.0", "/noise"], supporting: ["/yamux/1.0.0"])
        #expect(result.dialer == .unsupported)
        #expect(result.listener == .pending)
        #expect(result.listenerSent == header + notAvailable + notAvailable)
    }

    @Test(arguments: [1, 2, 3, 7])
    func negotiatesWithBytesArrivingInPiecesOfAnySize(pieceSize: Int) throws {
        let result = try exchange(
            proposing: ["/a", "/b", "/yamux/1.0.0"],
            supporting: ["/yamux/1.0.0", "/mplex/6.7.0"],
            pieceSize: pieceSize
        )
        #expect(result.dialer == .negotiated(protocol: "/yamux/1.0.0", leftover: []))
        #expect(result.listener == .negotiated(protocol: "/yamux/1.0.0", leftover: []))
    }

    @Test func acceptsAPredicate() throws {
        var listener = MultistreamNegotiation.listener { $0.hasPrefix("/ipfs/ping/") }
        _ = listener.start()
        let step = try listener.receive(header + MultistreamMessage.encode("/ipfs/ping/1.0.0"))
        #expect(step.outcome == .negotiated(protocol: "/ipfs/ping/1.0.0", leftover: []))
        #expect(step.send == MultistreamMessage.encode("/ipfs/ping/1.0.0"))
        #expect(!listener.isDialer)
    }

    // MARK: Pipelining and leftover application data

    @Test func listenerHandlesHeaderProposalAndApplicationDataInOneRead() throws {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/noise"])
        let applicationData = hex("0020 deadbeef")
        let firstFlight = dialer.start()
        #expect(firstFlight == header + hex("07 2f6e6f697365 0a"))
        var listener = MultistreamNegotiation.listener(supporting: ["/noise"])
        #expect(listener.start() == header)
        let step = try listener.receive(firstFlight + applicationData)
        #expect(step.send == hex("07 2f6e6f697365 0a"))
        #expect(step.outcome == .negotiated(protocol: "/noise", leftover: applicationData))
    }

    @Test func dialerReturnsApplicationDataAfterTheEcho() throws {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/noise"])
        _ = dialer.start()
        let step = try dialer.receive(header + MultistreamMessage.encode("/noise") + [1, 2, 3])
        #expect(step == MultistreamStep(send: [], outcome: .negotiated(protocol: "/noise", leftover: [1, 2, 3])))
    }

    @Test func leftoverThatLooksLikeAMessageIsStillApplicationData() throws {
        var listener = MultistreamNegotiation.listener(supporting: ["/noise"])
        _ = listener.start()
        let trailing = notAvailable + hex("ff")
        let step = try listener.receive(header + MultistreamMessage.encode("/noise") + trailing)
        #expect(step.outcome == .negotiated(protocol: "/noise", leftover: trailing))
    }

    @Test func listenerAnswersSeveralPipelinedProposalsInOneStep() throws {
        var listener = MultistreamNegotiation.listener(supporting: ["/c"])
        _ = listener.start()
        let proposals = ["/a", "/b", "/c"].flatMap(MultistreamMessage.encode)
        let step = try listener.receive(header + proposals)
        #expect(step.send == notAvailable + notAvailable + MultistreamMessage.encode("/c"))
        #expect(step.outcome == .negotiated(protocol: "/c", leftover: []))
    }

    @Test func listenerRefusesListingAndInvalidIDs() throws {
        var listener = MultistreamNegotiation.listener { _ in true }
        _ = listener.start()
        let requests = ["ls", "na", "", "/multistream/1.0.0"].flatMap(MultistreamMessage.encode)
        let step = try listener.receive(header + requests)
        #expect(step.send == notAvailable + notAvailable + notAvailable + notAvailable)
        #expect(step.outcome == .pending)
    }

    // MARK: Bad input, one typed error each

    @Test(arguments: ["/multistream-select/0.3.0", "/multistream/1.0.1", "/multistream/1.0.0 ", "garbage"])
    func rejectsAWrongHeader(text: String) {
        for var negotiation in [MultistreamNegotiation.dialer(proposing: ["/noise"]), .listener(supporting: ["/noise"])] {
            _ = negotiation.start()
            #expect(throws: MultistreamError.wrongHeader(text)) {
                try negotiation.receive(MultistreamMessage.encode(text) + MultistreamMessage.encode("/noise"))
            }
        }
    }

    @Test func rejectsAMessageOverTheLimit() {
        var listener = MultistreamNegotiation.listener(supporting: ["/noise"])
        _ = listener.start()
        #expect(throws: MultistreamError.messageTooLong(limit: 1024)) { try listener.receive(header + hex("8108")) }
    }

    @Test func rejectsAMalformedLength() {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/noise"])
        _ = dialer.start()
        #expect(throws: MultistreamError.malformedLength(.overlongVarint)) { try dialer.receive(hex("9300")) }
    }

    @Test func rejectsAMissingNewline() {
        var listener = MultistreamNegotiation.listener(supporting: ["/noise"])
        _ = listener.start()
        #expect(throws: MultistreamError.missingNewline) { try listener.receive(header + hex("072f6e6f69736520")) }
    }

    @Test func rejectsInvalidUTF8() {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/noise"])
        _ = dialer.start()
        #expect(throws: MultistreamError.invalidUTF8) { try dialer.receive(header + hex("03c0af0a")) }
    }

    @Test func listenerGivesUpAfterTooManyRefusals() throws {
        var listener = MultistreamNegotiation.listener(supporting: ["/noise"])
        _ = listener.start()
        _ = try listener.receive(header)
        let limit = MultistreamNegotiation.refusalCountMax
        for index in 0..<limit {
            let step = try listener.receive(MultistreamMessage.encode("/unsupported/\(index)"))
            #expect(step == MultistreamStep(send: notAvailable, outcome: .pending))
        }
        #expect(throws: MultistreamError.tooManyProposals(limit: limit)) {
            try listener.receive(MultistreamMessage.encode("/one/more"))
        }
    }

    @Test(arguments: ["/yamux/1.0.0", "ls", "/multistream/1.0.0", ""])
    func dialerRejectsAnAnswerThatIsNeitherEchoNorNotAvailable(answer: String) {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/noise"])
        _ = dialer.start()
        #expect(throws: MultistreamError.unexpectedMessage(answer)) {
            try dialer.receive(header + MultistreamMessage.encode(answer))
        }
    }

    @Test func dialerRejectsAnEchoOfAnEarlierProposal() throws {
        var dialer = MultistreamNegotiation.dialer(proposing: ["/tls/1.0.0", "/noise"])
        _ = dialer.start()
        _ = try dialer.receive(header + notAvailable)
        #expect(throws: MultistreamError.unexpectedMessage("/tls/1.0.0")) {
            try dialer.receive(MultistreamMessage.encode("/tls/1.0.0"))
        }
    }

    // MARK: Cross-check against py-libp2p

    @Test(arguments: MultistreamVectors.scenarios)
    func matchesPyLibp2p(scenario: MultistreamVectors.Scenario) throws {
        let expected: MultistreamOutcome = scenario.selected.isEmpty
            ? .unsupported
            : .negotiated(protocol: scenario.selected, leftover: [])
        let result = try exchange(proposing: scenario.proposals, supporting: scenario.supported)
        #expect(result.dialerSent == hex(scenario.dialerBytes))
        #expect(result.listenerSent == hex(scenario.listenerBytes))
        #expect(result.dialer == expected)

        var dialer = MultistreamNegotiation.dialer(proposing: scenario.proposals)
        _ = dialer.start()
        #expect(try dialer.receive(hex(scenario.listenerBytes)).outcome == expected)
        var listener = MultistreamNegotiation.listener(supporting: scenario.supported)
        var listenerSent = listener.start()
        let step = try listener.receive(hex(scenario.dialerBytes))
        listenerSent += step.send
        #expect(listenerSent == hex(scenario.listenerBytes))
        #expect(step.outcome == (scenario.selected.isEmpty ? .pending : expected))
    }

    // MARK: Property: any input, any fragmentation

    @Test func randomAndMutatedInputNeverTrapsAndFragmentationDoesNotMatter() {
        var generator = SeededGenerator.make(for: "MultistreamNegotiation")
        let samples = [
            header + MultistreamMessage.encode("/noise") + [9, 9],
            header + notAvailable + MultistreamMessage.encode("/yamux/1.0.0"),
            header + notAvailable + notAvailable,
        ]
        for _ in 0..<2_000 {
            let input = Bool.random(using: &generator)
                ? generator.mutate(samples.randomElement(using: &generator)!)
                : generator.bytes(maximumCount: 48)
            let pieceSize = Int.random(in: 1...8, using: &generator)
            for make in [{ MultistreamNegotiation.dialer(proposing: ["/noise", "/yamux/1.0.0"]) },
                         { MultistreamNegotiation.listener(supporting: ["/noise", "/yamux/1.0.0"]) }] {
                let whole = feed(make(), input, pieceSize: input.count + 1)
                let pieces = feed(make(), input, pieceSize: pieceSize)
                #expect(whole == pieces, "input \(input.hex) in pieces of \(pieceSize)")
            }
        }
    }
}

// MARK: Helpers

extension MultistreamNegotiationTests {
    struct ExchangeResult {
        var dialer = MultistreamOutcome.pending
        var listener = MultistreamOutcome.pending
        var dialerSent: [UInt8] = []
        var listenerSent: [UInt8] = []
    }

    /// Steps a dialer and a listener together, delivering bytes in pieces of `pieceSize`,
    /// until neither has anything left to send.
    func exchange(proposing: [String], supporting: Set<String>, pieceSize: Int = .max) throws -> ExchangeResult {
        var dialer = MultistreamNegotiation.dialer(proposing: proposing)
        var listener = MultistreamNegotiation.listener(supporting: supporting)
        var result = ExchangeResult(dialerSent: dialer.start(), listenerSent: listener.start())
        var toListener = result.dialerSent[...]
        var toDialer = result.listenerSent[...]
        while !toListener.isEmpty || !toDialer.isEmpty {
            if !toListener.isEmpty, result.listener == .pending {
                let step = try listener.receive(Array(toListener.prefix(pieceSize)))
                toListener = toListener.dropFirst(pieceSize)
                (result.listener, result.listenerSent, toDialer) = (step.outcome, result.listenerSent + step.send, toDialer + step.send)
            } else {
                toListener = []
            }
            if !toDialer.isEmpty, result.dialer == .pending {
                let step = try dialer.receive(Array(toDialer.prefix(pieceSize)))
                toDialer = toDialer.dropFirst(pieceSize)
                (result.dialer, result.dialerSent, toListener) = (step.outcome, result.dialerSent + step.send, toListener + step.send)
            } else {
                toDialer = []
            }
        }
        return result
    }

    /// What a negotiation makes of `input` fed in pieces: everything it sent, its outcome
    /// (with every byte after the deciding message as leftover), or its error.
    struct FeedResult: Equatable {
        var sent: [UInt8] = []
        var outcome = MultistreamOutcome.pending
        var error: MultistreamError?
    }

    func feed(_ negotiation: MultistreamNegotiation, _ input: [UInt8], pieceSize: Int) -> FeedResult {
        var negotiation = negotiation
        var result = FeedResult(sent: negotiation.start())
        var remaining = input[...]
        while !remaining.isEmpty {
            let piece = Array(remaining.prefix(pieceSize))
            remaining = remaining.dropFirst(pieceSize)
            do {
                let step = try negotiation.receive(piece)
                result.sent += step.send
                result.outcome = step.outcome
            } catch {
                // Bytes queued earlier in a failing receive are dropped with it, so only
                // the error itself is comparable between fragmentations.
                return FeedResult(sent: [], outcome: .pending, error: error)
            }
            if case .negotiated(let protocolID, let leftover) = result.outcome {
                result.outcome = .negotiated(protocol: protocolID, leftover: leftover + remaining)
                return result
            }
            if result.outcome == .unsupported { return result }
        }
        return result
    }
}
