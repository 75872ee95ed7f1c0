import Foundation
import IO
import Identity
import Network
import P2P
import Wire

extension P2PCommand {
    static func ping(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "p2p ping"
        let countText = try parser.takeOption("--count", topic: topic) ?? "3"
        guard let count = Int(countText), (1...1000).contains(count) else {
            throw UsageError("--count needs a whole number from 1 to 1000, not '\(countText)'", topic: topic)
        }
        let timeout = try seconds(try parser.takeOption("--timeout", topic: topic), option: "--timeout", topic: topic) ?? 15
        let identity = try identity(&parser, topic: topic, environment: environment, console: console)
        guard let text = parser.nextPositional() else {
            throw UsageError("'oln p2p ping' needs the MULTIADDR of a peer", topic: topic)
        }
        try parser.finish(topic: topic)
        let address: Multiaddr
        do {
            address = try Multiaddr(text)
        } catch {
            throw UsageError("\(text): \(error)", topic: topic)
        }
        let session = try P2PSession(identity: identity)
        let run = PingRun(session: session, count: count, console: console)
        session.node.onEvent = { event in run.handle(event) }
        try session.onLoop { () throws(NetworkError) in try session.node.dial(address) }
        session.waitForStop(after: timeout)
        if !run.finished {
            console.error("error: \(run.failure ?? "no answer within \(timeout) s from \(address)")")
            return .failure
        }
        return .success
    }
}

/// The state of one `oln p2p ping`, on the loop thread.
final class PingRun: @unchecked Sendable {
    let session: P2PSession
    let count: Int
    let console: Console
    private(set) var finished = false
    private(set) var failure: String?
    private var roundTrips = 0
    private var identified = false

    init(session: P2PSession, count: Int, console: Console) {
        self.session = session
        self.count = count
        self.console = console
    }

    func handle(_ event: HostEvent) {
        switch event {
        case .connected(let id, let peer, _):
            console.print("connected to \(peer)")
            session.node.ping(id)
        case .identified where !identified:
            identified = true
            EventPrinter.print(event, console: console)
        case .pingRoundTrip(let id, _, let roundTrip):
            roundTrips += 1
            console.print("ping \(roundTrips): \(EventPrinter.milliseconds(roundTrip)) ms")
            if roundTrips == count {
                finished = true
                session.stop()
            } else {
                session.node.ping(id)
            }
        case .pingFailed(_, let reason):
            stop(with: "ping failed: \(reason)")
        case .disconnected(_, _, let reason):
            stop(with: "connection closed: \(reason)")
        default:
            break
        }
    }

    private func stop(with reason: String) {
        guard !finished, failure == nil else { return }
        failure = reason
        session.stop()
    }
}
