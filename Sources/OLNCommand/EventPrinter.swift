import Identity
import P2P
import Wire

/// How host events read in an operator's terminal.
enum EventPrinter {
    static func print(_ event: HostEvent, console: Console) {
        switch event {
        case .connected(_, let peer, let inbound):
            console.print("connected \(inbound ? "from" : "to") \(peer)")
        case .identified(_, let peer, let message):
            console.print("identified \(peer)")
            console.print("  agent:     \(message.agentVersion ?? "-")")
            console.print("  protocols: \(message.protocols.joined(separator: " "))")
            console.print("  listening: \(message.listenAddresses.map(\.description).joined(separator: " "))")
            if let observed = message.observedAddress { console.print("  sees us at: \(observed)") }
        case .pingRoundTrip(_, let peer, let roundTrip):
            console.print("ping \(peer): \(milliseconds(roundTrip)) ms")
        case .pingFailed(let id, let reason):
            console.print("ping on \(id) failed: \(reason)")
        case .disconnected(_, let peer, let reason):
            console.print("disconnected \(peer.map { "\($0)" } ?? "peer"): \(reason)")
        case .refused(let remote, let reason):
            console.print("refused \(remote): \(reason)")
        case .streamOpened, .streamData, .streamWritable, .streamClosed, .streamRefused:
            break
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.3f", value)
    }
}
