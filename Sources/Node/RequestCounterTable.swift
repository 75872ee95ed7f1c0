import Synchronization

/// The ``RequestCounters`` of each served protocol: written on the loop thread, read from any.
final class RequestCounterTable: Sendable {
    private let counters = Mutex<[String: RequestCounters]>([:])

    func count(_ protocolID: String, _ counter: WritableKeyPath<RequestCounters, Int>) {
        counters.withLock { $0[protocolID, default: RequestCounters()][keyPath: counter] += 1 }
    }

    subscript(protocolID: String) -> RequestCounters {
        counters.withLock { $0[protocolID] ?? RequestCounters() }
    }
}
