import TestSupport
import Testing

@testable import Noise

/// Random and mutated input to every Noise decoder never traps.
@Suite("Noise properties")
struct NoisePropertyTests {
    @Test("random and mutated handshake bytes never trap the responder")
    func responderInput() {
        var generator = SeededGenerator.make(for: "NoisePropertyTests.responderInput")
        let message1 = hex(NoiseVectors.plain.message1)
        let message3 = hex(NoiseVectors.plain.message3)
        for round in 0..<300 {
            var responder = NoiseTestPeer.vectorResponder.handshake(.responder)
            _ = responder.start()
            var step: NoiseHandshakeStep?
            switch round % 3 {
            case 0: step = try? responder.receive(generator.bytes(maximumCount: 120))
            case 1: step = try? responder.receive(generator.mutate(message1))
            default:
                _ = try? responder.receive(message1)
                step = try? responder.receive(generator.mutate(message3))
            }
            // A mutation can leave message 3 intact; feeding a completed handshake is a
            // programmer error, so more input goes only to one still in progress.
            if step?.isComplete != true {
                _ = try? responder.receive(generator.bytes(maximumCount: 40))
            }
        }
    }

    @Test("random and mutated handshake bytes never trap the initiator")
    func initiatorInput() {
        var generator = SeededGenerator.make(for: "NoisePropertyTests.initiatorInput")
        let message2 = hex(NoiseVectors.muxers.message2)
        for round in 0..<300 {
            var initiator = NoiseTestPeer.vectorInitiator.handshake(.initiator)
            _ = initiator.start()
            let input = round.isMultiple(of: 2) ? generator.mutate(message2) : generator.bytes(maximumCount: 300)
            let split = Int.random(in: 0...input.count, using: &generator)
            if let step = try? initiator.receive(Array(input[..<split])), !step.isComplete {
                _ = try? initiator.receive(Array(input[split...]))
            }
        }
    }

    @Test("random and mutated transport bytes never trap a session")
    func transportInput() throws {
        var generator = SeededGenerator.make(for: "NoisePropertyTests.transportInput")
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let valid = try initiator.session.seal(generator.bytes(count: 100))
        for round in 0..<1000 {
            var session = responder.session
            let input = round.isMultiple(of: 2) ? generator.mutate(valid) : generator.bytes(maximumCount: 300)
            var start = 0
            while start < input.count {
                let end = Int.random(in: start...input.count, using: &generator)
                guard (try? session.open(Array(input[start..<end]))) != nil else { break }
                start = end
            }
        }
    }
}
