import HTTP
import Testing

/// The exposition format as Prometheus' text format 0.0.4 specifies it (HELP, TYPE, samples,
/// label escaping). The InferenceAPI tests also read a rendered page with prometheus_client.
@Suite struct MetricsRegistryTests {
    @Test func familiesRenderInTheTextFormat() {
        let registry = MetricsRegistry()
        let requests = registry.makeCounter("oln_requests_total", help: "Requests.\nServed.", labelNames: ["route", "status"])
        requests.increment(["/v1/models", "200"])
        requests.increment(["/v1/models", "200"], by: 2)
        requests.increment(["/a\"b\\c\nd", "404"])
        registry.register("oln_queue_depth", help: "Waiting.", type: .gauge) { 2.5 }
        registry.register("oln_ratio", help: "Special values.", type: .gauge) {
            [MetricSample(labels: [MetricLabel("kind", "nan")], value: .nan),
             MetricSample(labels: [MetricLabel("kind", "inf")], value: .infinity)]
        }
        #expect(registry.exposition() == """
        # HELP oln_requests_total Requests.\\nServed.
        # TYPE oln_requests_total counter
        oln_requests_total{route="/a\\"b\\\\c\\nd",status="404"} 1
        oln_requests_total{route="/v1/models",status="200"} 3
        # HELP oln_queue_depth Waiting.
        # TYPE oln_queue_depth gauge
        oln_queue_depth 2.5
        # HELP oln_ratio Special values.
        # TYPE oln_ratio gauge
        oln_ratio{kind="nan"} NaN
        oln_ratio{kind="inf"} +Inf

        """)
        #expect(requests.value(["/v1/models", "200"]) == 3)
        #expect(registry.names == ["oln_requests_total", "oln_queue_depth", "oln_ratio"])
    }

    @Test func anUnlabelledCounterShowsZeroBeforeItsFirstIncrement() {
        let registry = MetricsRegistry()
        _ = registry.makeCounter("oln_things_total", help: "Things.")
        #expect(registry.exposition().hasSuffix("oln_things_total 0\n"))
    }
}
