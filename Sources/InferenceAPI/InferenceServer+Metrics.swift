import HTTP
import OpenLoRA

extension InferenceServer {
    /// Registers the scheduler's and the adapter cache's statistics, read at each scrape.
    func registerSchedulerMetrics() {
        let scheduler = scheduler
        let schedulerCounters: [(String, String, @Sendable (SchedulerStatistics) -> Int)] = [
            ("oln_scheduler_requests_submitted_total", "Requests the scheduler accepted.", { $0.submittedCount }),
            ("oln_scheduler_requests_refused_total", "Requests refused because the queue was full.", { $0.refusedCount }),
            ("oln_scheduler_requests_finished_total", "Requests that ended, for any reason.", { $0.finishedCount }),
            ("oln_scheduler_decode_steps_total", "Decode steps run.", { $0.decodeStepCount }),
            ("oln_scheduler_decoded_tokens_total", "Tokens run in decode batches.", { $0.decodedTokenCount }),
            ("oln_scheduler_prefilled_tokens_total", "Prompt tokens prefilled.", { $0.prefilledTokenCount }),
        ]
        for (name, help, read) in schedulerCounters {
            metrics.register(name, help: help, type: .counter) { Double(read(scheduler.statistics)) }
        }
        metrics.register("oln_scheduler_largest_batch", help: "The largest decode batch so far.", type: .gauge) {
            Double(scheduler.statistics.largestBatch)
        }
        metrics.register("oln_scheduler_queue_depth", help: "Requests waiting to join the batch.", type: .gauge) {
            Double(scheduler.queuedCount)
        }
        let tokenRate = counters.tokenRate
        metrics.register("oln_api_completion_tokens_per_second", help: "Tokens generated per second over the last "
                         + "\(TokenRateMeter.windowSeconds) seconds.", type: .gauge) {
            tokenRate.rate(now: tokenRate.elapsed)
        }
        registerAdapterCacheMetrics()
    }

    private func registerAdapterCacheMetrics() {
        let adapters = adapters
        let families: [(String, String, MetricsRegistry.MetricType, @Sendable (AdapterCacheStatistics) -> Int)] = [
            ("oln_adapter_cache_hits_total", "Adapter acquisitions that found the adapter loaded.", .counter, { $0.hitCount }),
            ("oln_adapter_cache_misses_total", "Adapter acquisitions that had to load it.", .counter, { $0.missCount }),
            ("oln_adapter_cache_evictions_total", "Adapters evicted to make room.", .counter, { $0.evictionCount }),
            ("oln_adapter_cache_adapters", "Adapters held in the cache.", .gauge, { $0.adapterCount }),
            ("oln_adapter_cache_in_use", "Adapters with at least one running request.", .gauge, { $0.inUseCount }),
            ("oln_adapter_cache_bytes", "Bytes of the adapters held.", .gauge, { $0.byteCount }),
        ]
        for (name, help, type, read) in families {
            metrics.register(name, help: help, type: type) {
                adapters.cacheStatistics.map { [MetricSample(value: Double(read($0)))] } ?? []
            }
        }
    }
}
