import Testing
@testable import P2P

@Suite("PingExchange")
struct PingExchangeTests {
    @Test("the responder echoes whole payloads; the initiator times each round trip")
    func roundTrip() throws {
        var initiator = PingExchange(role: .initiator)
        var responder = PingExchange(role: .responder)
        let first = [UInt8](repeating: 1, count: 32), second = [UInt8](repeating: 2, count: 32)
        let sent = initiator.ping(payload: first, now: .milliseconds(10)) + initiator.ping(payload: second, now: .milliseconds(12))
        let partial = try responder.receive(Array(sent.prefix(40)), now: .zero)
        #expect(partial.echo == first)
        let rest = try responder.receive(Array(sent.dropFirst(40)), now: .zero)
        #expect(rest.echo == second)
        let answered = try initiator.receive(partial.echo + rest.echo, now: .milliseconds(15))
        #expect(answered.roundTrips == [.milliseconds(5), .milliseconds(3)])
        #expect(initiator.outstandingCount == 0)
    }

    @Test("a wrong or unasked echo is a failure")
    func badEchoes() {
        var initiator = PingExchange(role: .initiator)
        #expect(throws: PingExchange.Failure.unexpectedEcho) {
            try initiator.receive([UInt8](repeating: 0, count: 32), now: .zero)
        }
        _ = initiator.ping(payload: [UInt8](repeating: 1, count: 32), now: .zero)
        #expect(throws: PingExchange.Failure.mismatchedEcho) {
            try initiator.receive([UInt8](repeating: 9, count: 32), now: .zero)
        }
    }
}
