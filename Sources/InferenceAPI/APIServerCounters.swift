import HTTP
import Synchronization

/// An API server's own metric families, registered in its `MetricsRegistry`.
final class APIServerCounters: Sendable {
    /// Answers by route pattern and status code.
    let requests: MetricCounter
    /// Connections closed at once because `connectionCountMax` were open.
    let connectionsRefused: MetricCounter
    /// Open client connections.
    let openConnections = Atomic<Int>(0)

    init(registry: MetricsRegistry) {
        requests = registry.makeCounter("oln_api_requests_total", help: "HTTP requests answered, by route and status.",
                                        labelNames: ["route", "status"])
        connectionsRefused = registry.makeCounter("oln_api_connections_refused_total",
                                                  help: "Connections closed at once because too many were open.")
        registry.register("oln_api_open_connections", help: "Open client connections.", type: .gauge) { [weak self] in
            Double(self?.openConnections.load(ordering: .relaxed) ?? 0)
        }
    }
}
