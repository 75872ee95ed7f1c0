import HTTP
import Synchronization

/// The server's own metric families, registered in its `MetricsRegistry`.
final class InferenceCounters: Sendable {
    /// Answers by route pattern and status code.
    let requests: MetricCounter
    /// Connections closed at once because `connectionCountMax` were open.
    let connectionsRefused: MetricCounter
    /// Prompt tokens of completed requests.
    let promptTokens: MetricCounter
    /// Tokens generated for completed requests.
    let completionTokens: MetricCounter
    /// Completions by finish reason (`stop`, `length`, `cancelled`, `error`).
    let completions: MetricCounter
    /// Open client connections.
    let openConnections = Atomic<Int>(0)
    /// Generated tokens per second over the last few seconds.
    let tokenRate = TokenRateMeter()

    init(registry: MetricsRegistry) {
        requests = registry.makeCounter("oln_api_requests_total", help: "HTTP requests answered, by route and status.",
                                        labelNames: ["route", "status"])
        connectionsRefused = registry.makeCounter("oln_api_connections_refused_total",
                                                  help: "Connections closed at once because too many were open.")
        promptTokens = registry.makeCounter("oln_api_prompt_tokens_total", help: "Prompt tokens of finished completions.")
        completionTokens = registry.makeCounter("oln_api_completion_tokens_total",
                                                help: "Tokens generated for finished completions.")
        completions = registry.makeCounter("oln_api_completions_total", help: "Completions finished, by finish reason.",
                                           labelNames: ["finish_reason"])
        registry.register("oln_api_open_connections", help: "Open client connections.", type: .gauge) { [weak self] in
            Double(self?.openConnections.load(ordering: .relaxed) ?? 0)
        }
    }
}
