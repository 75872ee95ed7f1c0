import HTTP

/// The inference routes' metric families, registered in the server's `MetricsRegistry`.
final class InferenceCounters: Sendable {
    /// Prompt tokens of completed requests.
    let promptTokens: MetricCounter
    /// Tokens generated for completed requests.
    let completionTokens: MetricCounter
    /// Completions by finish reason (`stop`, `length`, `cancelled`, `error`).
    let completions: MetricCounter
    /// Generated tokens per second over the last few seconds.
    let tokenRate = TokenRateMeter()

    init(registry: MetricsRegistry) {
        promptTokens = registry.makeCounter("oln_api_prompt_tokens_total", help: "Prompt tokens of finished completions.")
        completionTokens = registry.makeCounter("oln_api_completion_tokens_total",
                                                help: "Tokens generated for finished completions.")
        completions = registry.makeCounter("oln_api_completions_total", help: "Completions finished, by finish reason.",
                                           labelNames: ["finish_reason"])
    }
}
