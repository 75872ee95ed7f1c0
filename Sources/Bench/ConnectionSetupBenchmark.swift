import IO
import Identity
import Network
import P2P
import Wire

/// Full connection set-ups (TCP, multistream, Noise XX, yamux) per second: fresh dialers,
/// each with its own identity, against one listener, `concurrency` at a time, one loop thread.
final class ConnectionSetupBenchmark: @unchecked Sendable {
    let count: Int
    let concurrency: Int
    private var started = 0
    private var established = 0
    private var failures = 0
    private var dialers: [P2PNode] = []
    private let done = Completion()

    init(count: Int, concurrency: Int) {
        self.count = count
        self.concurrency = concurrency
    }

    /// Set-ups per second, and how many failed.
    func run() throws -> (perSecond: Double, failed: Int) {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        var configuration = HostConfiguration()
        configuration.limits.inboundCountMax = count + 1
        configuration.limits.perAddressCountMax = count + 1
        let listener = P2PNode(loop: loop, identity: IdentityKey(), configuration: configuration)
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        let begin = BenchSupport.seconds()
        loop.execute { [self] in
            guard let address = try? listener.listen(on: listenAddress) else { return done.signal() }
            for _ in 0..<concurrency { dialNext(loop, address) }
        }
        guard done.wait(seconds: 300) else { return (0, count) }
        let elapsed = BenchSupport.seconds() - begin
        loop.execute { [self] in
            for dialer in dialers { dialer.shutdown() }
            listener.shutdown()
        }
        return (Double(established) / elapsed, failures)
    }

    private func dialNext(_ loop: EventLoop, _ address: Multiaddr) {
        guard started < count else { return }
        started += 1
        let reachedConnected: (HostEvent) -> Bool = { if case .connected = $0 { true } else { false } }
        dialers.append(FreshDialer.dial(address, on: loop, until: reachedConnected) { [self] connected in
            if connected { established += 1 } else { failures += 1 }
            if established + failures == count { done.signal() } else { dialNext(loop, address) }
        })
    }
}
