import Foundation

/// `oln-bench p2p`: the figures of the libp2p layer.
enum P2PBenchmarks {
    static func run(arguments: [String]) {
        let megabytes = option("--megabytes", in: arguments) ?? 256
        let connections = option("--connections", in: arguments) ?? 1000
        let byteCount = megabytes << 20
        let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        do {
            if only == "stream" {
                let encrypted = try StreamThroughputBenchmark(byteCount: byteCount).run()
                BenchSupport.print("Noise + yamux stream (loopback, one thread):  \(BenchSupport.format(encrypted)) MB/s")
                return
            }
            let raw = try TCPCopyBenchmark(byteCount: byteCount).run()
            BenchSupport.print("raw TCP copy (loopback, one loop thread):     \(BenchSupport.format(raw)) MB/s")
            let encrypted = try StreamThroughputBenchmark(byteCount: byteCount).run()
            BenchSupport.print("Noise + yamux stream (loopback, one thread):  \(BenchSupport.format(encrypted)) MB/s")
            BenchSupport.print("encrypted / raw:                              \(BenchSupport.format(encrypted / max(raw, 1e-9), decimals: 2)) (target ≥ 0.50)")
            let ceiling = try AEADCeilingBenchmark.run(byteCount: byteCount)
            BenchSupport.print("ChaCha20-Poly1305 seal+open, one core:        \(BenchSupport.format(ceiling)) MB/s (the ceiling when both ends share a core)")
            BenchSupport.print("encrypted / AEAD ceiling:                     \(BenchSupport.format(encrypted / max(ceiling, 1e-9), decimals: 2))")
            let setups = try ConnectionSetupBenchmark(count: 500, concurrency: 16).run()
            BenchSupport.print("connection set-ups (TCP+Noise+yamux):         \(BenchSupport.format(setups.perSecond)) per second (\(setups.failed) failed of 500)")
            let idle = try IdleConnectionBenchmark(count: connections).run()
            let perConnection = Double(idle.grownBytes) / Double(max(idle.held, 1))
            BenchSupport.print("idle connections held by one node:            \(idle.held) of \(connections)")
            BenchSupport.print("memory per idle connection:                   \(BenchSupport.format(perConnection / 1024)) KiB")
            BenchSupport.print("node memory holding them:                     \(BenchSupport.format(Double(idle.totalBytes) / 1_048_576)) MiB (target < 100 MB for 1000)")
        } catch {
            BenchSupport.print("benchmark failed: \(error)")
            exit(1)
        }
    }

    private static func option(_ name: String, in arguments: [String]) -> Int? {
        BenchSupport.option(name, in: arguments).flatMap { Int($0) }
    }
}
